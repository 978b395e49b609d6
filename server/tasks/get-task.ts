import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { taskViewSelect, toTaskView, type TaskView } from "./task-view";

export async function getTask(id: number): Promise<TaskView> {
  const db = await getDb();
  const row = await db.diagnosisTask.findUnique({ where: { id }, select: taskViewSelect });
  if (!row) throw notFound(`Task ${id} does not exist.`);
  return toTaskView(row);
}
