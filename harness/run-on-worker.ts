import { performance } from "node:perf_hooks";
import { throwawayDatabase } from "./throwaway-database";
import { startBenchCameras } from "./camera-server";
import { clusterEnv, startWorker } from "./processes";
import { insertCameras, insertTasks, makeDue, openPool, type CameraSpec } from "./sql";
import { waitFor } from "@/test/support/wait-for";

export interface ResultRow {
  task_id: number;
  camera: string;
  verdict: string;
  findings: string[];
  error: string | null;
  checks: Record<string, unknown>;
  thumbnail_bytes: number | null;
  frame_width: number | null;
  frame_height: number | null;
}

export interface TaskOutcome {
  id: number;
  status: string;
  status_reason: string | null;
  seconds: number;
}

/**
 * Runs tasks (each a list of cameras, made with the local camera server's URLs) on one real
 * `easysight worker` against a fresh database, waits until none is due or running any more, and
 * returns every task's outcome and every result row.
 */
export async function runOnWorker(prefix: string, tasks: Array<(url: (p: string) => string) => CameraSpec[]>, timeoutMs = 120_000) {
  const database = await throwawayDatabase(prefix);
  const pool = openPool(database.url);
  const cameras = await startBenchCameras();
  const worker = startWorker("worker", clusterEnv(database.url, { EXECUTOR_POLL_MS: "200", EXECUTOR_HEARTBEAT_MS: "1000" }));
  try {
    const specs = tasks.map((make) => make(cameras.url));
    const ids = await insertCameras(pool, specs.flat());
    let next = 0;
    const taskIds = await insertTasks(
      pool,
      prefix,
      specs.map((cams) => cams.map(() => ids[next++])),
    );
    await waitFor(
      async () => (await pool.query(`SELECT 1 FROM executor_instances WHERE pid = $1`, [worker.pid])).rowCount,
      60_000,
      () => `the worker to start: ${worker.output()}`,
    );
    await makeDue(pool, taskIds);
    const started = performance.now();
    await waitFor(
      async () =>
        (
          await pool.query(
            `SELECT 1 FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND (status IN ('pending', 'running') OR total_runs = 0)`,
            [taskIds],
          )
        ).rowCount === 0,
      timeoutMs,
      () => `the tasks to finish: ${worker.output().slice(-3000)}`,
    );
    const seconds = (performance.now() - started) / 1000;
    const outcomes = (
      await pool.query<TaskOutcome>(`SELECT id, status::text, status_reason FROM diagnosis_tasks WHERE id = ANY($1::int[]) ORDER BY id`, [
        taskIds,
      ])
    ).rows.map((t) => ({ ...t, seconds }));
    const results = (
      await pool.query<ResultRow>(
        `SELECT r.task_id, c.name AS camera, r.verdict, r.findings, r.error, r.checks, length(r.thumbnail) AS thumbnail_bytes, r.frame_width, r.frame_height
       FROM diagnosis_results r JOIN cameras c ON c.id = r.camera_id WHERE r.task_id = ANY($1::int[]) ORDER BY r.id`,
        [taskIds],
      )
    ).rows;
    return { outcomes, results, log: worker.output() };
  } finally {
    await worker.stop("SIGTERM", 5_000);
    await cameras.close();
    await pool.end();
    await database.drop();
  }
}
