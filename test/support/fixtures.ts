import { randomUUID } from "node:crypto";
import { getDb } from "@/server/db/client";
import { uniqueName } from "./unique";

export const FIXTURE_IMAGE = "test/fixtures/vqd-public/images/building-normal-0.jpg";

export async function createCamera(overrides: Record<string, unknown> = {}) {
  const db = await getDb();
  return db.camera.create({
    data: { name: uniqueName("cam"), sourceType: "image_file", sourceUri: FIXTURE_IMAGE, grabTimeoutMs: 5_000, ...overrides },
  });
}

/** A task that is not due (manual, no next run) unless overridden, so no executor picks it up by accident. */
export async function createTask(options: { cameraIds?: number[]; checks?: string[]; data?: Record<string, unknown> } = {}) {
  const db = await getDb();
  const cameraIds = options.cameraIds ?? [(await createCamera()).id];
  return db.diagnosisTask.create({
    data: {
      name: uniqueName("task"),
      checks: options.checks ?? ["too_dark", "blur"],
      scheduleType: "manual",
      nextRunTime: null,
      ...options.data,
      cameras: { create: cameraIds.map((cameraId) => ({ cameraId })) },
    },
  });
}

/**
 * An executor instance row whose last heartbeat was `heartbeatAgeSeconds` ago by the database's
 * clock. It registered after the database server started: stuck detection gives executors that
 * lived through a database restart extra time, which must not blur these fixtures when the test
 * server is young (the embedded one is started by the test run).
 */
export async function createInstance(options: { heartbeatAgeSeconds?: number; stopped?: boolean; heartbeatIntervalMs?: number } = {}) {
  const db = await getDb();
  const id = randomUUID();
  await db.$executeRaw`
    INSERT INTO executor_instances (id, kind, host, pid, started_at, heartbeat_at, heartbeat_interval_ms, stopped_at)
    VALUES (${id}::uuid, 'worker', 'test-host', 4242, greatest(now() - interval '1 hour', pg_postmaster_start_time() + interval '1 second'),
            now() - make_interval(secs => ${options.heartbeatAgeSeconds ?? 0}), ${options.heartbeatIntervalMs ?? 10_000},
            ${options.stopped ? new Date() : null})`;
  return id;
}

/**
 * Puts a task into `running` as if an executor had claimed it, with backdated timestamps
 * (tests backdate instead of sleeping). Opens the run's history row like a claim does.
 */
export async function makeRunning(
  taskId: number,
  options: { ownerId?: string | null; attempt?: number; startedMinutesAgo?: number; heartbeatAgeSeconds?: number } = {},
) {
  const db = await getDb();
  const attempt = options.attempt ?? 1;
  const owner = options.ownerId ?? null;
  await db.$executeRaw`
    UPDATE diagnosis_tasks SET status = 'running', attempt = ${attempt}, owner_instance_id = ${owner}::uuid,
      started_at = now() - make_interval(mins => ${options.startedMinutesAgo ?? 1}),
      last_run_time = now() - make_interval(mins => ${options.startedMinutesAgo ?? 1}),
      heartbeat_at = now() - make_interval(secs => ${options.heartbeatAgeSeconds ?? 0})
    WHERE id = ${taskId}`;
  const run = await db.taskRun.create({ data: { taskId, attempt, instanceId: owner, outcome: "running" } });
  return { taskId, attempt, instanceId: owner!, runId: run.id };
}
