import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { withStuck, type TaskWithStuck } from "./task-stuck";
import { taskViewSelect, toTaskView } from "./task-view";

export async function getTask(id: number): Promise<TaskWithStuck> {
  const db = await getDb();
  const row = await db.diagnosisTask.findUnique({ where: { id }, select: taskViewSelect });
  if (!row) throw notFound(`任务 ${id} 不存在 (task ${id} does not exist).`);
  const [task] = await withStuck([toTaskView(row)]);
  return task;
}
