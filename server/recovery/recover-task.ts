import "server-only";
import { getDb } from "@/server/db/client";
import { conflict, notFound } from "@/server/errors";
import { executorName } from "@/shared/executor-name";
import { recoverStuckTasks } from "./recover-stuck-tasks";
import type { RecoveryActor } from "./recovery-actor";

export interface SingleRecovery {
  taskId: number;
  newStatus: "pending" | "failed";
  reasonCode: string;
  reason: string;
}

/**
 * Recovers one task. Refused (CONFLICT, with the reason) when the task is not running, or when it is
 * running normally and `force` is not set: a healthy run is never reset by accident.
 */
export async function recoverTask(
  id: number,
  options: { force: boolean; maxRuntimeMinutes?: number; actor: RecoveryActor },
): Promise<SingleRecovery> {
  const db = await getDb();
  const task = await db.diagnosisTask.findUnique({ where: { id }, select: { id: true, status: true } });
  if (!task) throw notFound(`任务 ${id} 不存在 (task ${id} does not exist).`);
  if (task.status !== "running") {
    throw conflict(`任务 ${id} 不在运行中（状态：${task.status}），无需恢复 (task ${id} is not running, status ${task.status}).`, {
      status: task.status,
    });
  }
  const result = await recoverStuckTasks({
    taskIds: [id],
    forceReset: options.force,
    maxRuntimeMinutes: options.maxRuntimeMinutes,
    mode: options.force ? "force" : "manual",
    actor: options.actor,
  });
  const judged = result.checked[0];
  if (!judged) throw conflict(`任务 ${id} 已结束运行，无需恢复 (task ${id} finished meanwhile).`);
  if (result.targeted.length === 0) {
    const o = judged.owner_instance_id ? result.owners.get(judged.owner_instance_id) : undefined;
    const zh = o ? `（${executorName(o)}，心跳 ${o.heartbeatAgeSeconds} 秒前）` : "";
    const en = o ? ` on ${executorName(o)}, heartbeat ${o.heartbeatAgeSeconds} s ago` : "";
    throw conflict(
      `任务 ${id} 正在正常运行${zh}，未重置；确需重置请使用 force (task ${id} is running normally${en}; use force to reset it anyway).`,
      { is_actually_running: true },
    );
  }
  const reset = result.reset[0];
  if (!reset) throw conflict(`任务 ${id} 的状态已被其他操作改变（已完成或已被恢复），未重置 (task ${id} changed meanwhile).`);
  return {
    taskId: id,
    newStatus: reset.newStatus,
    reasonCode: judged.stuck_reason_code ?? "force_reset",
    reason: judged.stuck_reason ?? "强制重置",
  };
}
