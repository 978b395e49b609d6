import "server-only";
import { logger } from "@/server/logging/logger";
import { processExecutor } from "@/server/executor/process-executor";
import { executorName } from "@/shared/executor-name";
import { checkStuckTasks, type StuckCheck } from "./check-stuck-tasks";
import { stoppedAtOf, type RunningTask } from "./running-task";
import { resetTasks, type ResetOutcome } from "./reset-tasks";
import type { RecoveryActor, RecoveryMode } from "./recovery-actor";

export interface RecoveryRequest {
  /** Reset every running task, healthy or not. */
  forceReset?: boolean;
  maxRuntimeMinutes?: number;
  /** Only these tasks (single-task recovery); default all running tasks. */
  taskIds?: number[];
  mode: RecoveryMode;
  actor: RecoveryActor;
  /** Judge and report, change nothing (CLI --dry-run). */
  dryRun?: boolean;
}

export interface RecoveryResult {
  checked: RunningTask[];
  targeted: RunningTask[];
  /** The executors that owned the checked tasks, by id. */
  owners: StuckCheck["owners"];
  reset: ResetOutcome[];
}

/**
 * The one recovery procedure behind REST, tRPC, the CLI and the watchdog: judge the running tasks,
 * then reset the stuck ones (or, forced, all of them) to pending with conditional writes.
 */
export async function recoverStuckTasks(request: RecoveryRequest): Promise<RecoveryResult> {
  const check = await checkStuckTasks({ maxRuntimeMinutes: request.maxRuntimeMinutes, taskIds: request.taskIds });
  const targeted = request.forceReset ? check.running : check.stuck;
  if (request.dryRun || targeted.length === 0) return { checked: check.running, targeted, owners: check.owners, reset: [] };

  if (request.forceReset) {
    // Runs in this process are stopped before their lease is taken; runs elsewhere are fenced by
    // the reset itself (their next write or heartbeat finds the task no longer theirs) and stop.
    const executor = processExecutor();
    for (const task of targeted) executor?.abort(task.id, "force_reset", "force reset by recovery");
  }
  const reset = await resetTasks(
    targeted.map((t) => ({
      id: t.id,
      attempt: t.attempt,
      reasonCode: t.stuck_reason_code ?? "force_reset",
      reasonText: t.stuck_reason ?? "强制重置",
      runtimeLimit: t.stuck_reason_code === "runtime_exceeded" ? t.max_runtime_minutes : null,
      stopped: stoppedAtOf(t.progress),
    })),
    request.mode,
    request.actor,
  );
  const byId = new Map(targeted.map((t) => [t.id, t]));
  for (const r of reset) {
    const task = byId.get(r.id)!;
    const priorOwner = task.owner_instance_id ? check.owners.get(task.owner_instance_id) : undefined;
    logger.info(
      {
        taskId: r.id,
        taskName: task.name,
        mode: request.mode,
        reason: task.stuck_reason_code ?? "force_reset",
        newStatus: r.newStatus,
        actorType: request.actor.type,
        actor: request.actor.label,
        priorAttempt: task.attempt,
        priorOwner: priorOwner ? executorName(priorOwner) : null,
        priorOwnerInstanceId: task.owner_instance_id,
        stoppedWhere: task.stopped_where,
      },
      `recovered task ${r.id} "${task.name}" to ${r.newStatus}: ${task.stuck_reason ?? "强制重置"}${task.stopped_where ? `；${task.stopped_where}` : ""}`,
    );
  }
  return { checked: check.running, targeted, owners: check.owners, reset };
}
