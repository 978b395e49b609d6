import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { processExecutor } from "@/server/executor/process-executor";
import { NOT_RUNNING_CODES, stuckReasonText, type StuckReasonCode } from "./stuck-reasons";

export interface RunningTaskState {
  id: number;
  name: string;
  isActive: boolean;
  attempt: number;
  lastRunTime: Date | null;
  startedAt: Date | null;
  heartbeatAt: Date | null;
  runtimeMinutes: number;
  ownerInstanceId: string | null;
  owner: { host: string; pid: number; kind: string; heartbeatAgeSeconds: number; stopped: boolean } | null;
  /** The runtime limit this task was judged against (the request's, else the task's own). */
  maxRuntimeMinutes: number;
  isActuallyRunning: boolean;
  stuckReasonCode: StuckReasonCode | null;
  stuckReason: string | null;
}

export interface StuckCheck {
  running: RunningTaskState[];
  stuck: RunningTaskState[];
  checkedAt: Date;
}

interface Row {
  id: number; name: string; is_active: boolean; attempt: number; last_run_time: Date | null; started_at: Date | null;
  heartbeat_at: Date | null; owner_instance_id: string | null; max_runtime_minutes: number; runtime_s: number;
  task_beat_age_s: number | null; host: string | null; pid: number | null; kind: string | null; stopped_at: Date | null;
  owner_beat_age_s: number | null; heartbeat_interval_ms: number | null; db_now: Date;
}

/**
 * Every running task with the verdict "actually running" or "stuck, because ...". One query, ages
 * computed by the database's clock, so the answer is the same from any process; the asking process's
 * own running set only adds knowledge about runs it owns itself.
 */
export async function checkStuckTasks(options: { maxRuntimeMinutes?: number; taskIds?: number[] } = {}): Promise<StuckCheck> {
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id, t.name, t.is_active, t.attempt, t.last_run_time, t.started_at, t.heartbeat_at, t.owner_instance_id,
           t.max_runtime_minutes,
           extract(epoch FROM now() - coalesce(t.started_at, t.last_run_time, t.updated_at))::float8 AS runtime_s,
           extract(epoch FROM now() - t.heartbeat_at)::float8 AS task_beat_age_s,
           i.host, i.pid, i.kind, i.stopped_at, i.heartbeat_interval_ms,
           extract(epoch FROM now() - i.heartbeat_at)::float8 AS owner_beat_age_s,
           now() AS db_now
    FROM diagnosis_tasks t
    LEFT JOIN executor_instances i ON i.id = t.owner_instance_id
    WHERE t.status = 'running' ${options.taskIds ? Prisma.sql`AND t.id = ANY(${options.taskIds}::int[])` : Prisma.empty}
    ORDER BY t.id`;
  const self = processExecutor();
  const running = rows.map((row) => judge(row, options.maxRuntimeMinutes, self && { id: self.instanceId, holds: (id: number, attempt: number) => self.holds(id, attempt) }));
  return { running, stuck: running.filter((t) => t.stuckReasonCode), checkedAt: rows[0]?.db_now ?? new Date() };
}

function judge(row: Row, requestedMax: number | undefined, self: { id?: string; holds(id: number, attempt: number): boolean } | undefined): RunningTaskState {
  const misses = env.STUCK_HEARTBEAT_MISSES;
  const beatLimitS = ((row.heartbeat_interval_ms ?? env.EXECUTOR_HEARTBEAT_MS) * misses) / 1000;
  const maxRuntimeMinutes = requestedMax ?? row.max_runtime_minutes;
  const runtimeMinutes = Math.round((row.runtime_s / 60) * 10) / 10;
  let code: StuckReasonCode | null = null;
  if (!row.owner_instance_id) code = "no_owner";
  else if (row.host === null || row.stopped_at || (row.owner_beat_age_s ?? Infinity) > beatLimitS) code = "executor_dead";
  else if (self?.id === row.owner_instance_id && !self.holds(row.id, row.attempt)) code = "not_in_running_set";
  else if ((row.task_beat_age_s ?? Infinity) > beatLimitS) code = "heartbeat_stale";
  else if (row.runtime_s / 60 > maxRuntimeMinutes) code = "runtime_exceeded";
  return {
    id: row.id,
    name: row.name,
    isActive: row.is_active,
    attempt: row.attempt,
    lastRunTime: row.last_run_time,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    runtimeMinutes,
    ownerInstanceId: row.owner_instance_id,
    owner: row.host === null ? null : {
      host: row.host, pid: row.pid!, kind: row.kind!, stopped: !!row.stopped_at,
      heartbeatAgeSeconds: Math.round((row.owner_beat_age_s ?? 0) * 10) / 10,
    },
    maxRuntimeMinutes,
    isActuallyRunning: !code || !NOT_RUNNING_CODES.has(code),
    stuckReasonCode: code,
    stuckReason: code && stuckReasonText(code, maxRuntimeMinutes),
  };
}
