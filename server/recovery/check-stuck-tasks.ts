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
  /** ISO 8601 UTC, as the database holds them. */
  lastRunTime: string | null;
  startedAt: string | null;
  heartbeatAt: string | null;
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
  id: number; name: string; is_active: boolean; attempt: number; owner_id: string | null; max_min: number;
  runtime_s: number; last_run_time: string | null; started_at: string | null; heartbeat_at: string | null;
  host: string | null; pid: number | null; kind: string | null; stopped: boolean | null; owner_age_s: number | null;
  code: StuckReasonCode | null;
}

/** A task this process claimed moments ago may not be in its running set yet (the claim is still being handed over). */
const CLAIM_GRACE_SECONDS = 10;

/**
 * When a heartbeat was last possible. Beats missed because the database itself was down do not
 * count: a heartbeat that was still fresh when PostgreSQL (re)started is measured from the restart,
 * so a long database outage does not make every live executor look dead the moment it returns.
 */
const since = (beat: Prisma.Sql) =>
  Prisma.sql`(CASE WHEN ${beat} < db.started AND ${beat} >= db.started - l.beat_limit THEN db.started ELSE ${beat} END)`;

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Every running task with the verdict "actually running" or "stuck, because ...", in one query. The
 * database judges, by its own clock, from the leases and heartbeats every executor writes, so the
 * answer is the same from any process. The asking process adds what only it knows: which of the
 * runs it owns are really in its running set. Reasons, in order of precedence:
 * no owner recorded; owner dead (heartbeat older than STUCK_HEARTBEAT_MISSES of its intervals, or
 * signed off, or unknown); owned by this process but not in its running set; this run's heartbeat stale (the
 * run hangs while its executor lives); running longer than the limit.
 */
export async function checkStuckTasks(options: { maxRuntimeMinutes?: number; taskIds?: number[] } = {}): Promise<StuckCheck> {
  const executor = processExecutor();
  const self = executor?.instanceId ?? null;
  const held = executor ? [...executor.running.values()].filter((r) => !r.controller.signal.aborted).map((r) => `${r.lease.taskId}:${r.lease.attempt}`) : [];
  const misses = env.STUCK_HEARTBEAT_MISSES;
  const db = await getDb();
  const rows = await db.$queryRaw<Row[]>`
    SELECT t.id, t.name, t.is_active, t.attempt, t.owner_instance_id::text AS owner_id, m.max_min,
           r.runtime_s, ${iso(Prisma.sql`t.last_run_time`)} AS last_run_time, ${iso(Prisma.sql`t.started_at`)} AS started_at,
           ${iso(Prisma.sql`t.heartbeat_at`)} AS heartbeat_at,
           i.host, i.pid, i.kind, i.stopped_at IS NOT NULL AS stopped, extract(epoch FROM now() - i.heartbeat_at)::float8 AS owner_age_s,
           CASE
             WHEN t.owner_instance_id IS NULL THEN 'no_owner'
             WHEN i.id IS NULL OR i.stopped_at IS NOT NULL OR ${since(Prisma.sql`i.heartbeat_at`)} < now() - l.beat_limit THEN 'executor_dead'
             WHEN t.owner_instance_id = ${self}::uuid AND NOT (t.id || ':' || t.attempt = ANY(${held}::text[]))
               AND t.started_at < now() - make_interval(secs => ${CLAIM_GRACE_SECONDS}) THEN 'not_in_running_set'
             WHEN t.heartbeat_at IS NULL OR ${since(Prisma.sql`t.heartbeat_at`)} < now() - l.beat_limit THEN 'heartbeat_stale'
             WHEN r.runtime_s > m.max_min * 60 THEN 'runtime_exceeded'
           END AS code
    FROM diagnosis_tasks t
    LEFT JOIN executor_instances i ON i.id = t.owner_instance_id
    CROSS JOIN (SELECT pg_postmaster_start_time() AS started) db
    CROSS JOIN LATERAL (SELECT make_interval(secs => ${misses} * coalesce(i.heartbeat_interval_ms, ${env.EXECUTOR_HEARTBEAT_MS}) / 1000.0) AS beat_limit) l
    CROSS JOIN LATERAL (SELECT extract(epoch FROM now() - coalesce(t.started_at, t.last_run_time, t.updated_at))::float8 AS runtime_s) r
    CROSS JOIN LATERAL (SELECT coalesce(${options.maxRuntimeMinutes ?? null}::float8, t.max_runtime_minutes) AS max_min) m
    WHERE t.status = 'running' ${options.taskIds ? Prisma.sql`AND t.id = ANY(${options.taskIds}::int[])` : Prisma.empty}
    ORDER BY t.id`;
  const running = rows.map(toState);
  return { running, stuck: running.filter((t) => t.stuckReasonCode), checkedAt: new Date() };
}

function toState(row: Row): RunningTaskState {
  return {
    id: row.id,
    name: row.name,
    isActive: row.is_active,
    attempt: row.attempt,
    lastRunTime: row.last_run_time,
    startedAt: row.started_at,
    heartbeatAt: row.heartbeat_at,
    runtimeMinutes: Math.round((row.runtime_s / 60) * 10) / 10,
    ownerInstanceId: row.owner_id,
    owner: row.host === null ? null : {
      host: row.host, pid: row.pid!, kind: row.kind!, stopped: !!row.stopped,
      heartbeatAgeSeconds: Math.round((row.owner_age_s ?? 0) * 10) / 10,
    },
    maxRuntimeMinutes: row.max_min,
    isActuallyRunning: !row.code || !NOT_RUNNING_CODES.has(row.code),
    stuckReasonCode: row.code,
    stuckReason: row.code && stuckReasonText(row.code, row.max_min),
  };
}
