/**
 * Recovery at scale: status-check over 100k tasks of which 10k are running (target <= 50 ms of
 * server time), and recovering 10k stuck tasks (target <= 1 s, set-based writes).
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/recovery.ts [tasks] [running]
 */
import { performance } from "node:perf_hooks";
import { benchDatabase, ms, stats } from "./bench-database";

const TOTAL = Number(process.argv[2] ?? 100_000);
const RUNNING = Number(process.argv[3] ?? 10_000);

const database = await benchDatabase("easysight_bench_recovery");
const { getDb, closeDb } = await import("@/server/db/client");
const { checkStuckTasks } = await import("@/server/recovery/check-stuck-tasks");
const { toStatusCheckResponse } = await import("@/server/recovery/api-shapes");
const { recoverStuckTasks } = await import("@/server/recovery/recover-stuck-tasks");

try {
  const db = await getDb();
  console.log(`loading ${TOTAL} tasks, ${RUNNING} running (half on a live executor, half on a dead one)...`);
  await db.$executeRawUnsafe(`
    INSERT INTO executor_instances (id, kind, host, pid, heartbeat_at) VALUES
      ('00000000-0000-0000-0000-00000000a11e', 'worker', 'alive-host', 1, now() + interval '1 day'),
      ('00000000-0000-0000-0000-0000000dead0', 'worker', 'dead-host', 2, now() - interval '1 hour')`);
  await db.$executeRawUnsafe(`
    INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, status, attempt, owner_instance_id,
                                 started_at, heartbeat_at, last_run_time, next_run_time, updated_at)
    SELECT 'bench task ' || g, '{too_dark,blur}', 'interval', 5,
           CASE WHEN g <= ${RUNNING} THEN 'running'::task_status ELSE 'completed'::task_status END,
           1,
           CASE WHEN g > ${RUNNING} THEN NULL WHEN g % 2 = 0 THEN '00000000-0000-0000-0000-00000000a11e'::uuid ELSE '00000000-0000-0000-0000-0000000dead0'::uuid END,
           now() - interval '5 minutes', now() + interval '1 day', now() - interval '5 minutes', now() + interval '1 day', now()
    FROM generate_series(1, ${TOTAL}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome)
    SELECT id, 1, owner_instance_id, started_at, 'running' FROM diagnosis_tasks WHERE status = 'running'`);
  await db.$executeRawUnsafe("ANALYZE");

  const query: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const check = await checkStuckTasks();
    const t1 = performance.now();
    JSON.stringify(toStatusCheckResponse(check));
    const t2 = performance.now();
    query.push(t1 - t0);
    whole.push(t2 - t0);
    if (i === 0) console.log(`status-check sees ${check.running.length} running, ${check.stuck.length} stuck`);
  }
  const q = stats(query.slice(5));
  const w = stats(whole.slice(5));
  console.log(`status-check, judging only:        p50 ${ms(q.p50)}  p95 ${ms(q.p95)}  max ${ms(q.max)}`);
  console.log(`status-check, whole response body: p50 ${ms(w.p50)}  p95 ${ms(w.p95)}  max ${ms(w.max)}   (target <= 50 ms)`);

  // Now every executor is dead: all running tasks are stuck.
  await db.$executeRawUnsafe("UPDATE executor_instances SET heartbeat_at = now() - interval '1 hour'");
  const t0 = performance.now();
  const result = await recoverStuckTasks({ mode: "bulk", actor: { type: "cli", userId: null, tokenId: null, label: "bench" } });
  const elapsed = performance.now() - t0;
  const audits = await db.recoveryAudit.count();
  console.log(`recovery of ${result.reset.length} stuck tasks (check + set-based reset + audit): ${ms(elapsed)}   (target <= 1000 ms); audit rows: ${audits}`);
} finally {
  await closeDb();
  await database.drop();
}
