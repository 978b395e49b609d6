import { getPool } from "@/server/db/client";
import { countedBeatAgeSql, deadAfterSeconds } from "@/server/executor/liveness";
import { processExecutor } from "@/server/executor/process-executor";
import { NOT_RUNNING_CODES, stuckReasonText, type StuckReasonCode } from "./stuck-reasons";

export interface RunningTaskState {
  id: number;
  name: string;
  isActive: boolean;
  attempt: number;
  /** Epoch milliseconds, as the database holds them. */
  lastRunTimeMs: number | null;
  startedAtMs: number | null;
  heartbeatAtMs: number | null;
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

type TaskRow = [id: number, name: string, isActive: boolean, attempt: number, owner: string | null, maxRuntime: number,
  lastRun: number | null, started: number | null, beat: number | null, updated: number, beatAge: number | null];
type ClockRow = [now: number, id: string | null, host: string | null, pid: number | null, kind: string | null,
  stopped: boolean | null, intervalMs: number | null, beatAge: number | null, countedBeatAge: number | null];

/** A task this process claimed moments ago may not be in its running set yet (the claim is still being handed over). */
const CLAIM_GRACE_SECONDS = 10;

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
 * was down do not count), the same rule the executors page and the alerts use. Two plain queries read
 * raw numbers (rows as arrays, timestamps as epoch seconds) and the judging happens here: over 10k running tasks that is several times faster than mapping rows in SQL or Prisma.
 */
export async function checkStuckTasks(options: { maxRuntimeMinutes?: number; taskIds?: number[] } = {}): Promise<StuckCheck> {
  const executor = processExecutor();
  const held = new Set(executor ? [...executor.running.values()].filter((r) => !r.controller.signal.aborted).map((r) => `${r.lease.taskId}:${r.lease.attempt}`) : []);
  const pool = await getPool();
  const filter = options.taskIds ? "AND t.id = ANY($1::int[])" : "";
  const params = options.taskIds ? [options.taskIds] : [];
  const [tasks, clock] = await Promise.all([
    pool.query<TaskRow>({
      rowMode: "array",
      text: `SELECT t.id, t.name, t.is_active, t.attempt, t.owner_instance_id::text, t.max_runtime_minutes,
                    date_part('epoch', t.last_run_time), date_part('epoch', t.started_at), date_part('epoch', t.heartbeat_at), date_part('epoch', t.updated_at),
                    ${countedBeatAgeSql("t.heartbeat_at", "i.started_at")}
             FROM diagnosis_tasks t LEFT JOIN executor_instances i ON i.id = t.owner_instance_id
             WHERE t.status = 'running' ${filter} ORDER BY t.id`,
      values: params,
    }),
    pool.query<ClockRow>({
      rowMode: "array",
      text: `SELECT date_part('epoch', now()),
                    i.id::text, i.host, i.pid, i.kind, i.stopped_at IS NOT NULL, i.heartbeat_interval_ms,
                    date_part('epoch', now() - i.heartbeat_at), ${countedBeatAgeSql("i.heartbeat_at", "i.started_at")}
             FROM (SELECT 1) one
             LEFT JOIN executor_instances i ON i.id IN (SELECT t.owner_instance_id FROM diagnosis_tasks t WHERE t.status = 'running' ${filter})`,
      values: params,
    }),
  ]);
  const [now] = clock.rows[0];
  const owners = new Map(clock.rows.filter((r) => r[1]).map((r) => [r[1]!, r]));
  const judge = judgeAgainst({ now, owners, self: executor?.instanceId ?? null, held, requestedMax: options.maxRuntimeMinutes });
  const running = tasks.rows.map(judge);
  return { running, stuck: running.filter((t) => t.stuckReasonCode), checkedAt: new Date(now * 1000) };
}

interface JudgeContext {
  now: number;
  owners: Map<string, ClockRow>;
  self: string | null;
  held: Set<string>;
  requestedMax?: number;
}

const judgeAgainst = (c: JudgeContext) => (row: TaskRow): RunningTaskState => {
  const [id, name, isActive, attempt, ownerId, ownMax, lastRun, started, beat, updated, beatAge] = row;
  const owner = ownerId ? c.owners.get(ownerId) : undefined;
  const limit = deadAfterSeconds(owner?.[6] ?? null);
  const maxRuntimeMinutes = c.requestedMax ?? ownMax;
  const runtimeSeconds = c.now - (started ?? lastRun ?? updated);
  let code: StuckReasonCode | null = null;
  if (!ownerId) code = "no_owner";
  else if (!owner || owner[5] || owner[8]! > limit) code = "executor_dead";
  else if (ownerId === c.self && !c.held.has(`${id}:${attempt}`) && (started === null || c.now - started > CLAIM_GRACE_SECONDS)) code = "not_in_running_set";
  else if (beat === null || beatAge! > limit) code = "heartbeat_stale";
  else if (runtimeSeconds > maxRuntimeMinutes * 60) code = "runtime_exceeded";
  const ms = (sec: number | null) => (sec === null ? null : Math.round(sec * 1000));
  return {
    id, name, isActive, attempt,
    lastRunTimeMs: ms(lastRun),
    startedAtMs: ms(started),
    heartbeatAtMs: ms(beat),
    runtimeMinutes: Math.round((runtimeSeconds / 60) * 10) / 10,
    ownerInstanceId: ownerId,
    owner: owner ? { host: owner[2]!, pid: owner[3]!, kind: owner[4]!, stopped: !!owner[5], heartbeatAgeSeconds: Math.round(owner[7]! * 10) / 10 } : null,
    maxRuntimeMinutes,
    isActuallyRunning: !code || !NOT_RUNNING_CODES.has(code),
    stuckReasonCode: code,
    stuckReason: code && stuckReasonText(code, maxRuntimeMinutes),
  };
};
