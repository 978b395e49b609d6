import type { StuckCheck, RunningTaskState } from "./check-stuck-tasks";
import type { RecoveryResult } from "./recover-stuck-tasks";

/**
 * The REST contract of the operations guide (field names and messages exactly as documented), plus
 * a few extra fields (reason code, owner, attempt). The UI's tRPC procedures return the same shapes.
 */
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const runningTask = (t: RunningTaskState) => ({
  id: t.id,
  name: t.name,
  last_run_time: iso(t.lastRunTimeMs),
  is_active: t.isActive,
  is_actually_running: t.isActuallyRunning,
  runtime_minutes: t.runtimeMinutes,
  stuck_reason: t.stuckReason,
  stuck_reason_code: t.stuckReasonCode,
  max_runtime_minutes: t.maxRuntimeMinutes,
  attempt: t.attempt,
  started_at: iso(t.startedAtMs),
  heartbeat_at: iso(t.heartbeatAtMs),
  owner_instance_id: t.ownerInstanceId,
  owner: t.owner && { host: t.owner.host, pid: t.owner.pid, kind: t.owner.kind, heartbeat_age_seconds: t.owner.heartbeatAgeSeconds, stopped: t.owner.stopped },
});

export type StatusCheckResponse = ReturnType<typeof toStatusCheckResponse>;

export function toStatusCheckResponse(check: StuckCheck) {
  return {
    running_tasks: check.running.map(runningTask),
    stuck_tasks: check.stuck.map((t) => ({ id: t.id, name: t.name, stuck_reason: t.stuckReason!, stuck_reason_code: t.stuckReasonCode! })),
    total_running: check.running.length,
    total_stuck: check.stuck.length,
    checked_at: check.checkedAt.toISOString(),
    message: `检查完成：运行中任务 ${check.running.length} 个，卡住任务 ${check.stuck.length} 个`,
  };
}

export type RecoveryResponse = ReturnType<typeof toRecoveryResponse>;

export function toRecoveryResponse(result: RecoveryResult) {
  const resetIds = result.reset.map((r) => r.id);
  const wasReset = new Set(resetIds);
  return {
    checked_tasks: result.checked.length,
    reset_tasks: resetIds.length,
    reset_task_ids: resetIds,
    /** Tasks that were stuck but changed meanwhile (completed, or recovered by someone else). */
    skipped_task_ids: result.targeted.map((t) => t.id).filter((id) => !wasReset.has(id)),
    /** Tasks put to failed instead of pending by the automatic-recovery cap. */
    failed_task_ids: result.reset.filter((r) => r.newStatus === "failed").map((r) => r.id),
    message: `成功重置 ${resetIds.length} 个卡住的任务`,
  };
}
