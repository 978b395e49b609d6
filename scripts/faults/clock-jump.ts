/**
 * Fault check: clock jumps are harmless. Three workers run under a faked wall clock (+1 h, -1 h,
 * and one that jumps 0 -> +1 h -> -1 h -> 0 at 15, 30 and 45 s), with 2 s heartbeats (dead after 6 s) and
 * a watchdog every 2 s in each of them. Leases, heartbeats, stuck verdicts and schedules use the database's now(),
 * so: no task is ever reported stuck, none is recovered or run twice, and every next run is one
 * interval after the run by the database's clock. Exits 1 if any of that fails.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/faults/clock-jump.ts
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { throwawayDatabase } from "@/harness/throwaway-database";
import { startBenchCameras, fixtureImages, FIXTURE_DIR } from "@/harness/camera-server";
import { broken, checkInvariants, invariantRows, printTable, reportVerdict } from "@/harness/invariants";
import { clusterEnv, loadAverage, reportCrash, startWorker, type Proc } from "@/harness/processes";
import { count, insertCameras, insertTasks, makeDue, openPool } from "@/harness/sql";
import { waitFor } from "@/test/support/wait-for";

const TASKS = 120;
const HEARTBEAT_MS = 2_000;
const INTERVAL_MINUTES = 60;
const CLOCKS = { "+1 h": "+3600000", "-1 h": "-3600000", "jumping 0/+1 h/-1 h/0": "0,+3600000@15000,-3600000@30000,0@45000" };

const database = await throwawayDatabase("easysight_fault_clock");
const pool = openPool(database.url);
const cameras = await startBenchCameras();
const { checkStuckTasks } = await import("@/server/recovery/check-stuck-tasks");
const { closeDb } = await import("@/server/db/client");
const workers: Proc[] = [];

try {
  console.log(`load average: ${loadAverage()}`);
  const images = fixtureImages();
  const slow = await insertCameras(
    pool,
    images
      .slice(0, 6)
      .map((f, i) => ({ name: `slow ${i}`, sourceType: "http_snapshot", sourceUri: cameras.url(`/image/${f}?delay=${2500 + 300 * i}`) })),
  );
  const files = await insertCameras(
    pool,
    images.slice(6, 12).map((f, i) => ({ name: `file ${i}`, sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${f}` })),
  );
  const taskIds = await insertTasks(
    pool,
    "clock task",
    Array.from({ length: TASKS }, (_, i) => [slow[i % 6], files[i % 6]]),
    { intervalMinutes: INTERVAL_MINUTES },
  );

  const env = clusterEnv(database.url, {
    EXECUTOR_HEARTBEAT_MS: String(HEARTBEAT_MS),
    STUCK_HEARTBEAT_MISSES: "3",
    EXECUTOR_POLL_MS: "500",
    WATCHDOG_INTERVAL_MS: "2000",
  });
  const preload = ["--import", pathToFileURL(path.resolve("scripts/faults/fake-clock.mjs")).href];
  const spawned = performance.now();
  for (const [name, clock] of Object.entries(CLOCKS)) workers.push(startWorker(`worker ${name}`, { ...env, FAKE_CLOCK: clock }, preload));
  const instances = new Map<string, string>();
  for (const w of workers) {
    const id = await waitFor(
      async () => (await pool.query<{ id: string }>(`SELECT id::text FROM executor_instances WHERE pid = $1`, [w.pid])).rows[0]?.id,
      60_000,
      () => `${w.name} to register: ${w.output()}`,
    );
    instances.set(id, w.name);
  }
  await makeDue(pool, taskIds);
  const dueAfter = (performance.now() - spawned) / 1000;

  // Judge from this process (real clock) twice a second while they run: nothing may look stuck.
  const seenStuck = new Map<number, string>();
  let checks = 0;
  const done = () => count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status = 'completed'`, [taskIds]);
  await waitFor(
    async () => {
      for (const t of (await checkStuckTasks()).stuck) seenStuck.set(t.id, t.stuck_reason_code!);
      checks++;
      await new Promise((r) => setTimeout(r, 500));
      return (await done()) === TASKS;
    },
    600_000,
    () => `all ${TASKS} tasks to complete (${workers.map((w) => w.output().slice(-500)).join("\n")})`,
  );

  const doneAfter = (performance.now() - spawned) / 1000;
  const heartbeatAges = (
    await pool.query<{ id: string; age: number }>(
      `SELECT id::text, extract(epoch FROM now() - heartbeat_at)::float8 AS age FROM executor_instances WHERE stopped_at IS NULL`,
    )
  ).rows;
  const perWorker = (
    await pool.query<{ instance_id: string; n: string }>(
      `SELECT instance_id::text, count(*) AS n FROM task_runs WHERE task_id = ANY($1::int[]) GROUP BY 1`,
      [taskIds],
    )
  ).rows;
  const recoveries = await count(pool, `SELECT count(*) AS n FROM recovery_audits`);
  const notOnce = await count(
    pool,
    `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND (attempt <> 1 OR total_runs <> 1)`,
    [taskIds],
  );
  const offSchedule = await count(
    pool,
    `SELECT count(*) AS n FROM diagnosis_tasks t JOIN task_runs r ON r.task_id = t.id AND r.outcome = 'completed'
     WHERE t.id = ANY($1::int[]) AND abs(extract(epoch FROM t.next_run_time - r.finished_at) - $2 * 60) > 10`,
    [taskIds, INTERVAL_MINUTES],
  );
  const sampleSkew = (
    await pool.query<{ instance_id: string; skew: number }>(
      `SELECT instance_id::text, max(extract(epoch FROM sampled_at - now()))::float8 AS skew FROM metric_samples GROUP BY 1`,
    )
  ).rows;
  await Promise.all(workers.map((w) => w.stop()));
  const invariants = await checkInvariants(pool, taskIds);

  printTable(
    `Clock jumps: ${TASKS} tasks (a slow 2.5-4 s camera each) on 3 workers with faked clocks, heartbeat 2 s, dead after 6 s (load average ${loadAverage()})`,
    [
      [
        "tasks ran from / to (s after the workers started)",
        `${dueAfter.toFixed(0)} / ${doneAfter.toFixed(0)}`,
        "the jumping clock jumps at 15, 30 and 45 s",
      ],
      ...perWorker.map((w): [string, number, string] => [`runs by ${instances.get(w.instance_id)}`, Number(w.n), ""]),
      [
        "stuck verdicts seen (status checks from a true clock)",
        seenStuck.size,
        `must be 0 (${checks} checks${seenStuck.size ? `: ${[...seenStuck].map(([id, code]) => `${id} ${code}`).join(", ")}` : ""})`,
      ],
      ["recoveries (watchdogs of the faked workers included)", recoveries, "must be 0"],
      ["tasks not run exactly once", notOnce, "must be 0"],
      ["next runs not one interval after the run, by the database's clock", offSchedule, "must be 0 (+-10 s)"],
      ["max heartbeat age by the database's clock at the end (s)", Math.max(...heartbeatAges.map((h) => h.age)).toFixed(1), "must be < 6"],
      ...invariantRows(invariants),
      ...sampleSkew.map((s): [string, string, string] => [
        `metric_samples.sampled_at of ${instances.get(s.instance_id) ?? s.instance_id}`,
        `${s.skew > 0 ? "+" : ""}${s.skew.toFixed(0)} s`,
        "(info: vs the database's now)",
      ]),
    ],
  );
  const failures = [
    ...broken(invariants).map((i) => i.name),
    ...(seenStuck.size ? ["tasks reported stuck"] : []),
    ...(recoveries ? ["tasks recovered"] : []),
    ...(notOnce ? ["tasks not run exactly once"] : []),
    ...(offSchedule ? ["schedules off by the faked clock"] : []),
    ...(perWorker.length < workers.length ? ["not every faked-clock worker ran tasks"] : []),
    ...(heartbeatAges.some((h) => h.age >= (3 * HEARTBEAT_MS) / 1000) ? ["a heartbeat looked too old"] : []),
  ];
  reportVerdict(
    failures,
    "PROVED: with wall clocks off by +-1 h or jumping mid-run, no task was reported stuck, recovered or run twice, and schedules follow the database's clock.",
  );
} catch (err) {
  reportCrash(err, workers);
} finally {
  await Promise.all(workers.map((w) => w.stop("SIGTERM", 5_000)));
  await cameras.close();
  await closeDb();
  await pool.end();
  await database.drop();
}
