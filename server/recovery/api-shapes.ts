import "server-only";
import { executorName } from "@/shared/executor-name";
import type { StuckCheck } from "./check-stuck-tasks";
import { STUCK_REASON_CODES, type StuckReasonCode } from "./stuck-reasons";
import type { RecoveryResult } from "./recover-stuck-tasks";
import type { SingleRecovery } from "./recover-task";

/**
 * The REST contract of the operations guide (field names and messages exactly as documented), plus
 * a few extra fields. Running tasks come from the check already in the guide's shape (RunningTask).
 * Their owners are listed once, in `executors`, and each task names its own by `owner_instance_id`:
 * 10k running tasks usually belong to a handful of executors, and repeating each executor's details
 * in every task doubled the answer's size and the time to build it. The UI's tRPC procedures return
 * the same shapes.
 */
export type StatusCheckResponse = ReturnType<typeof toStatusCheckResponse>;

export function toStatusCheckResponse(check: StuckCheck) {
  return {
    running_tasks: check.running,
    stuck_tasks: check.stuck.map((t) => ({
      id: t.id,
      name: t.name,
      stuck_reason: t.stuck_reason!,
      stuck_reason_code: t.stuck_reason_code!,
      stopped_where: t.stopped_where,
    })),
    total_running: check.running.length,
    total_stuck: check.stuck.length,
    executors: [...check.owners.values()].map((o) => ({
      id: o.id,
      // Extra: the executor as the console and the audit name it.
      name: executorName(o),
      host: o.host,
      pid: o.pid,
      kind: o.kind,
      heartbeat_age_seconds: o.heartbeatAgeSeconds,
      stopped: o.stopped,
    })),
    checked_at: check.checkedAt.toISOString(),
    message: `检查完成：运行中任务 ${check.running.length} 个，卡住任务 ${check.stuck.length} 个`,
  };
}

export type StuckSummaryResponse = ReturnType<typeof toStuckSummaryResponse>;

/**
 * The status check in numbers, for the console's banner and force-reset dialog (refreshed every 5
 * minutes in every open task list): at 10k running tasks the whole answer is megabytes that the page
 * would fetch, and server-render into its HTML, only to count them.
 */
export function toStuckSummaryResponse(check: StuckCheck) {
  const stuckByReason = Object.fromEntries(STUCK_REASON_CODES.map((code) => [code, 0])) as Record<StuckReasonCode, number>;
  for (const t of check.stuck) stuckByReason[t.stuck_reason_code!] += 1;
  return {
    total_running: check.running.length,
    total_stuck: check.stuck.length,
    /** Running tasks something is working on: the runs a force reset would interrupt. */
    actually_running: check.running.filter((t) => t.is_actually_running).length,
    stuck_by_reason: stuckByReason,
    /** The newest few stuck and running tasks, named in the bulk actions' confirmations. */
    first_stuck: firstTasks(check.stuck),
    first_running: firstTasks(check.running),
    checked_at: check.checkedAt.toISOString(),
  };
}

const NAMED_IN_CONFIRMATIONS = 5;

const firstTasks = (tasks: StuckCheck["running"]) =>
  [...tasks]
    .sort((a, b) => b.id - a.id)
    .slice(0, NAMED_IN_CONFIRMATIONS)
    .map((t) => ({ id: t.id, name: t.name }));

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

export type SingleRecoveryResponse = ReturnType<typeof toSingleRecoveryResponse>;

/** One task's recovery (`POST /api/diagnosis/tasks/{id}/recovery` and tRPC `recovery.recoverTask`). */
export function toSingleRecoveryResponse(result: SingleRecovery) {
  return {
    task_id: result.taskId,
    reset: true,
    new_status: result.newStatus,
    stuck_reason_code: result.reasonCode,
    stuck_reason: result.reason,
    message: `成功重置任务 ${result.taskId}（${result.reason}）`,
  };
}
