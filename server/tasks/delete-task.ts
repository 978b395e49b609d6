import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { whyUnchanged } from "./task-state";

/**
 * Deletes a task that is not running, with its camera links, runs and results. Recovery audit rows
 * are kept by design: they name the task but do not reference it.
 */
export async function deleteTask(id: number): Promise<{ id: number; name: string }> {
  const db = await getDb();
  const task = await db.diagnosisTask.findUnique({ where: { id }, select: { name: true } });
  if (!task) throw notFound(`任务 ${id} 不存在 (task ${id} does not exist).`);
  // Conditional, so that a claim by the executor and this delete cannot both succeed: whichever
  // reaches the row second sees the other's result (a running task, or no task to claim).
  const { count } = await db.diagnosisTask.deleteMany({ where: { id, status: { not: "running" } } });
  if (count === 0)
    throw await whyUnchanged(id, {
      running: `任务 ${id} 正在运行，请先恢复或等它结束 (task ${id} is running; recover or wait for it first).`,
    });
  return { id, name: task.name };
}
