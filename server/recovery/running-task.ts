import "server-only";
import type { RunPhase } from "@/shared/run-progress";
import type { StuckReasonCode } from "./stuck-reasons";

export interface ExecutorOwner {
  id: string;
  host: string;
  pid: number;
  kind: string;
  heartbeatAgeSeconds: number;
  stopped: boolean;
}

/**
 * One running task and the verdict on it, in the status-check API's own field names: the operations
 * guide's `id`, `name`, `last_run_time`, `is_active`, `is_actually_running`, `runtime_minutes`,
 * `stuck_reason`, plus the reason code, the attempt and the owner's id. The check builds this shape
 * directly, so the API sends it as it is: at 10k running tasks a second copy into a wire shape cost as
 * much as the judging itself (bench/recovery.ts).
 */
export interface RunningTask {
  id: number;
  name: string;
  /** ISO 8601, UTC. */
  last_run_time: string | null;
  is_active: boolean;
  is_actually_running: boolean;
  runtime_minutes: number;
  stuck_reason: string | null;
  stuck_reason_code: StuckReasonCode | null;
  attempt: number;
  owner_instance_id: string | null;
  /** The limit the runtime verdict applied (the request's, else the task's). */
  max_runtime_minutes: number;
  /** Where the run is: camera `index` of `total`, which one, the phase and for how long (null before its first camera). */
  progress: { index: number; total: number; camera_name: string; phase: RunPhase; phase_seconds: number } | null;
  /** For a stuck task, where its run stopped, in the API's bilingual form; null otherwise. */
  stopped_where: string | null;
}

/** Where a run stopped, as the console, the audit row and the recovery write keep it. */
export interface StoppedAt {
  phase: string;
  cameraName: string;
  index: number;
  total: number;
  waitedMinutes: number;
}

/** A stuck check's progress entry as a StoppedAt: whole minutes in the phase (null before the run's first camera). */
export function stoppedAtOf(progress: RunningTask["progress"]): StoppedAt | null {
  return (
    progress && {
      phase: progress.phase,
      cameraName: progress.camera_name,
      index: progress.index,
      total: progress.total,
      waitedMinutes: Math.floor(progress.phase_seconds / 60),
    }
  );
}
