import "server-only";
import { getDb } from "@/server/db/client";
import { databaseNow } from "@/server/db/database-now";
import { getTask } from "./get-task";
import { requireCameras } from "./require-cameras";
import { nextRunTime, toScheduleColumns } from "./schedule";
import { createTaskInput, type CreateTaskInput } from "./task-input";
import type { TaskView } from "./task-view";

/** Creates a task; an active one is first due one schedule step from now (run-now starts it at once). */
export async function createTask(raw: CreateTaskInput, createdById: number): Promise<TaskView> {
  const input = createTaskInput.parse(raw);
  const schedule = toScheduleColumns(input.schedule);
  const db = await getDb();
  const id = await db.$transaction(async (tx) => {
    await requireCameras(tx, input.cameraIds);
    const due = input.isActive ? nextRunTime(schedule, await databaseNow(tx)) : null;
    const task = await tx.diagnosisTask.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        checks: input.checks,
        thresholds: input.thresholds,
        ...schedule,
        maxRuntimeMinutes: input.maxRuntimeMinutes,
        isActive: input.isActive,
        nextRunTime: due,
        createdById,
        cameras: { create: input.cameraIds.map((cameraId) => ({ cameraId })) },
      },
      select: { id: true },
    });
    return task.id;
  });
  return getTask(id);
}
