import "server-only";
import { getPool } from "@/server/db/client";
import { streamRows } from "@/server/db/stream-rows";
import { countedBeatAgeSql, deadAfterSeconds } from "@/server/executor/liveness";
import { processExecutor } from "@/server/executor/process-executor";
import { judgeRunningTasks, RunningColumns, type JudgedOwner, type TaskRow } from "./judge-running-tasks";
import type { ExecutorOwner, RunningTask } from "./running-task";

export interface StuckCheck {
  /** Ordered by task id. */
  running: RunningTask[];
  stuck: RunningTask[];
  /** The executors that own the running tasks, by id (known ones only). */
  owners: Map<string, ExecutorOwner>;
  checkedAt: Date;
}

type ClockRow = [
  now: number,
  id: string | null,
  host: string | null,
  pid: number | null,
  kind: string | null,
  stopped: boolean | null,
  intervalMs: number | null,
  beatAge: number | null,
  countedBeatAge: number | null,
];

/**
 * Every running task with the verdict "actually running" or "stuck, because ...". The verdict comes
 * from the leases and heartbeats every executor writes, aged by the database's clock, so it is the
 * same from any process; the asking process adds what only it knows: which of the runs it owns are
 * really in its running set. Reasons, in order of precedence: no owner recorded; owner dead
 * (heartbeat older than STUCK_HEARTBEAT_MISSES of its intervals, signed off, or unknown); owned by
 * this process but not in its running set; this run's heartbeat stale (the run hangs while its
 * executor lives); running longer than the limit.
 *
 * Heartbeat ages are counted as server/executor/liveness.ts says (beats missed while PostgreSQL itself
 * was down do not count), the same rule the executors page and the alerts use.
 *
 * Speed (bench/recovery.ts: 10k running tasks, target 50 ms with the JSON answer): two plain queries
 * read raw numbers (timestamps as epoch seconds) and the judging happens here, several times faster
 * than mapping rows in SQL or Prisma. The task rows stream into columns (RunningColumns) rather than
 * being collected, and come unordered (an ORDER BY made PostgreSQL compute and sort every row before
 * sending the first); the judge sorts by id.
 */
export async function checkStuckTasks(options: { maxRuntimeMinutes?: number; taskIds?: number[] } = {}): Promise<StuckCheck> {
  const executor = processExecutor();
  const held = new Set(
    executor
      ? [...executor.running.values()].filter((r) => !r.controller.signal.aborted).map((r) => `${r.lease.taskId}:${r.lease.attempt}`)
      : [],
  );
  const pool = await getPool();
  const filter = options.taskIds ? "AND t.id = ANY($1::int[])" : "";
  const columns = new RunningColumns();
  await streamRows<TaskRow>(
    pool,
    {
      // Prepared once per connection: planning took ~2 ms of every check.
      name: options.taskIds ? "stuck-check-tasks-by-id" : "stuck-check-tasks",
      text: `SELECT t.id, t.name, t.is_active, t.attempt, t.owner_instance_id::text, t.max_runtime_minutes,
                    date_part('epoch', t.last_run_time),
                    -- The run's start, sent only when it is not last_run_time: a claim sets both (hand-set rows may not).
                    CASE WHEN t.started_at = t.last_run_time THEN NULL ELSE date_part('epoch', coalesce(t.started_at, t.last_run_time, t.updated_at)) END,
                    ${countedBeatAgeSql("t.heartbeat_at", "i.started_at")},
                    t.progress_index, t.progress_total, t.progress_camera_name, t.progress_phase,
                    date_part('epoch', now() - t.progress_phase_at)
             FROM diagnosis_tasks t LEFT JOIN executor_instances i ON i.id = t.owner_instance_id
             WHERE t.status = 'running' ${filter}`,
      values: options.taskIds ? [options.taskIds] : [],
    },
    (row) => columns.add(row),
  );
  // The owners, read after the tasks (and by the ids found there) so that an executor that took a
  // task meanwhile is known, and without scanning the running tasks a second time.
  const clock = await pool.query<ClockRow>({
    name: "stuck-check-owners",
    rowMode: "array",
    text: `SELECT date_part('epoch', now()),
                  i.id::text, i.host, i.pid, i.kind, i.stopped_at IS NOT NULL, i.heartbeat_interval_ms,
                  date_part('epoch', now() - i.heartbeat_at), ${countedBeatAgeSql("i.heartbeat_at", "i.started_at")}
           FROM (SELECT 1) one LEFT JOIN executor_instances i ON i.id = ANY($1::uuid[])`,
    values: [[...columns.ownerIds.keys()]],
  });
  const [now] = clock.rows[0];
  const owners = new Map<string, JudgedOwner>();
  for (const [, id, host, pid, kind, stopped, intervalMs, beatAge, countedBeatAge] of clock.rows) {
    if (!id) continue;
    owners.set(id, {
      info: { id, host: host!, pid: pid!, kind: kind!, stopped: !!stopped, heartbeatAgeSeconds: Math.round(beatAge! * 10) / 10 },
      dead: !!stopped || countedBeatAge! > deadAfterSeconds(intervalMs),
      deadAfter: deadAfterSeconds(intervalMs),
    });
  }
  const running = judgeRunningTasks(columns, {
    now,
    owners,
    self: executor?.instanceId ?? null,
    held,
    requestedMax: options.maxRuntimeMinutes,
  });
  return {
    running,
    stuck: running.filter((t) => t.stuck_reason_code),
    owners: new Map([...owners].map(([id, o]) => [id, o.info])),
    checkedAt: new Date(now * 1000),
  };
}
