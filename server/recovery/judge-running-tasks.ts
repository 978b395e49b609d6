import "server-only";
import { isRunPhase, whereStoppedSentence } from "@/shared/run-progress";
import type { ExecutorOwner, RunningTask } from "./running-task";
import { isoFromEpochSeconds } from "./iso-time";
import { NOT_RUNNING_CODES, stuckReasonText, type StuckReasonCode } from "./stuck-reasons";

/** A running task's row as the stuck check's query returns it (timestamps as epoch seconds). */
export type TaskRow = [
  id: number,
  name: string,
  isActive: boolean,
  attempt: number,
  owner: string | null,
  maxRuntime: number,
  lastRun: number | null,
  startedIfNotLastRun: number | null,
  beatAge: number | null,
  progressIndex: number | null,
  progressTotal: number | null,
  progressCamera: string | null,
  progressPhase: string | null,
  phaseAge: number | null,
];

/** A task this process claimed moments ago may not be in its running set yet (the claim is still being handed over). */
const CLAIM_GRACE_SECONDS = 10;

/**
 * The task rows as they arrive, one array per column: numbers in plain number arrays (NaN for NULL,
 * so V8 stores them unboxed), each owner id string once. Only the names are kept per row; the row
 * arrays the driver made die at once instead of surviving garbage collections.
 */
export class RunningColumns {
  readonly ids: number[] = [];
  readonly names: string[] = [];
  readonly active: boolean[] = [];
  readonly attempts: number[] = [];
  readonly owners: Array<string | null> = [];
  readonly maxRuntimes: number[] = [];
  readonly lastRuns: number[] = [];
  readonly startedIfNotLastRun: number[] = [];
  readonly beatAges: number[] = [];
  /** Where each run is (null before its first camera). */
  readonly progress: Array<{ index: number; total: number; camera: string; phase: string; phaseAge: number } | null> = [];
  /** Each owner id once (the map's keys); rows point at these strings. */
  readonly ownerIds = new Map<string, string>();

  add([id, name, isActive, attempt, owner, maxRuntime, lastRun, started, beatAge, index, total, camera, phase, phaseAge]: TaskRow) {
    this.progress.push(
      index !== null && total !== null && camera !== null && phase !== null
        ? { index, total, camera, phase, phaseAge: phaseAge ?? 0 }
        : null,
    );
    this.ids.push(id);
    this.names.push(name);
    this.active.push(isActive);
    this.attempts.push(attempt);
    let shared: string | null = null;
    if (owner !== null) {
      shared = this.ownerIds.get(owner) ?? owner;
      if (shared === owner) this.ownerIds.set(owner, owner);
    }
    this.owners.push(shared);
    this.maxRuntimes.push(maxRuntime);
    this.lastRuns.push(lastRun ?? Number.NaN);
    this.startedIfNotLastRun.push(started ?? Number.NaN);
    this.beatAges.push(beatAge ?? Number.NaN);
  }
}

/** An owner as the judge sees it. */
export interface JudgedOwner {
  info: ExecutorOwner;
  dead: boolean;
  /** Seconds of heartbeat silence after which this executor, and each of its runs, counts as gone. */
  deadAfter: number;
}

interface JudgeContext {
  now: number;
  owners: Map<string, JudgedOwner>;
  self: string | null;
  held: Set<string>;
  requestedMax?: number;
}

/** The verdicts, in task id order (see checkStuckTasks for the rules). */
export function judgeRunningTasks(c: RunningColumns, x: JudgeContext): RunningTask[] {
  // Rows mostly arrive in id order already (the heap's order); sort only when they do not.
  const order = c.ids.map((_, i) => i);
  if (c.ids.some((id, i) => i > 0 && id < c.ids[i - 1])) order.sort((a, b) => c.ids[a] - c.ids[b]);
  return order.map((i): RunningTask => {
    const id = c.ids[i];
    const ownerId = c.owners[i];
    const owner = ownerId ? x.owners.get(ownerId) : undefined;
    const maxRuntimeMinutes = x.requestedMax ?? c.maxRuntimes[i];
    const lastRun = c.lastRuns[i];
    const started = c.startedIfNotLastRun[i];
    const beatAge = c.beatAges[i];
    const runtimeSeconds = x.now - (Number.isNaN(started) ? lastRun : started);
    let code: StuckReasonCode | null = null;
    if (!ownerId) code = "no_owner";
    else if (!owner || owner.dead) code = "executor_dead";
    else if (ownerId === x.self && !x.held.has(`${id}:${c.attempts[i]}`) && runtimeSeconds > CLAIM_GRACE_SECONDS)
      code = "not_in_running_set";
    else if (Number.isNaN(beatAge) || beatAge > owner.deadAfter) code = "heartbeat_stale";
    else if (runtimeSeconds > maxRuntimeMinutes * 60) code = "runtime_exceeded";
    const p = c.progress[i];
    const phase = p && isRunPhase(p.phase) ? p.phase : null;
    return {
      id,
      name: c.names[i],
      last_run_time: Number.isNaN(lastRun) ? null : isoFromEpochSeconds(lastRun),
      is_active: c.active[i],
      is_actually_running: !code || !NOT_RUNNING_CODES.has(code),
      runtime_minutes: Math.round((runtimeSeconds / 60) * 10) / 10,
      stuck_reason: code && stuckReasonText(code, maxRuntimeMinutes),
      stuck_reason_code: code,
      attempt: c.attempts[i],
      owner_instance_id: ownerId,
      max_runtime_minutes: maxRuntimeMinutes,
      progress: p && phase ? { index: p.index, total: p.total, camera_name: p.camera, phase, phase_seconds: Math.round(p.phaseAge) } : null,
      stopped_where:
        code && p && phase ? whereStoppedSentence({ index: p.index, total: p.total, cameraName: p.camera, phase }, p.phaseAge / 60) : null,
    };
  });
}
