/**
 * Recovery at scale: status-check over 100k tasks of which 10k are running (target <= 50 ms of
 * server time), first with one in ten of them stuck, then with all of them stuck; and recovering 10k
 * stuck tasks (target <= 1 s, set-based writes). Runs with the web server's heap setting
 * (support/server-heap.ts), so the figures are what `npm start` does.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/recovery.ts [tasks] [running]
 */
import { performance } from "node:perf_hooks";
import { throwawayDatabase } from "@/harness/throwaway-database";
import { ms, stats } from "./stats";
import { ensureServerHeap } from "@/harness/server-heap";

ensureServerHeap();

const TOTAL = Number(process.argv[2] ?? 100_000);
const RUNNING = Number(process.argv[3] ?? 10_000);

const database = await throwawayDatabase("easysight_bench_recovery");
const { getDb, closeDb } = await import("@/server/db/client");
const { checkStuckTasks } = await import("@/server/recovery/check-stuck-tasks");
const { toStatusCheckResponse } = await import("@/server/recovery/api-shapes");
const { encodeJson } = await import("@/server/http/encode-json");
const { recoverStuckTasks } = await import("@/server/recovery/recover-stuck-tasks");

try {
  const db = await getDb();
  console.log(`loading ${TOTAL} tasks, ${RUNNING} running (one in ten on a dead executor)...`);
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
           CASE WHEN g > ${RUNNING} THEN NULL WHEN g % 10 = 0 THEN '00000000-0000-0000-0000-0000000dead0'::uuid ELSE '00000000-0000-0000-0000-00000000a11e'::uuid END,
           now() - make_interval(secs => g % 1800), now() + interval '1 day', now() - make_interval(secs => g % 1800), now() + interval '1 day', now()
    FROM generate_series(1, ${TOTAL}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome)
    SELECT id, 1, owner_instance_id, started_at, 'running' FROM diagnosis_tasks WHERE status = 'running'`);
  // As a table in steady use would be: vacuumed and analysed (else autovacuum runs during the measurement).
  await db.$executeRawUnsafe("VACUUM ANALYZE");

  await measureStatusCheck("one in ten stuck", 110);

  // Now every executor is dead: all running tasks are stuck (every task's answer carries a reason).
  await db.$executeRawUnsafe("UPDATE executor_instances SET heartbeat_at = now() - interval '1 hour'");
  await measureStatusCheck("all stuck", 60);

  const t0 = performance.now();
  const result = await recoverStuckTasks({ mode: "bulk", actor: { type: "cli", userId: null, tokenId: null, label: "bench" } });
  const elapsed = performance.now() - t0;
  const audits = await db.recoveryAudit.count();
  console.log(
    `recovery of ${result.reset.length} stuck tasks (check + set-based reset + audit): ${ms(elapsed)}   (target <= 1000 ms); audit rows: ${audits}`,
  );
} finally {
  await closeDb();
  await database.drop();
}

/**
 * What GET /api/diagnosis/tasks/status-check does between authentication and sending: judge, then
 * build and encode the JSON answer (server/recovery/shared-status-check.ts); the production server
 * reports the same two figures per request in its Server-Timing header. The first 10 are warm-up.
 */
async function measureStatusCheck(label: string, rounds: number) {
  const judging: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const check = await checkStuckTasks();
    const t1 = performance.now();
    const size = encodeJson(toStatusCheckResponse(check)).length;
    const t2 = performance.now();
    judging.push(t1 - t0);
    whole.push(t2 - t0);
    if (i === 0)
      console.log(
        `status-check (${label}) sees ${check.running.length} running, ${check.stuck.length} stuck; answer ${(size / 1e6).toFixed(1)} MB`,
      );
  }
  const q = stats(judging.slice(10));
  const w = stats(whole.slice(10));
  console.log(`  judging only:              p50 ${ms(q.p50)}  p95 ${ms(q.p95)}  max ${ms(q.max)}`);
  console.log(
    `  judging + encoded answer:  p50 ${ms(w.p50)}  p95 ${ms(w.p95)}  max ${ms(w.max)}   (target <= 50 ms; ${rounds - 10} requests after 10 warm-up)`,
  );
}
