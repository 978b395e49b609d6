import "server-only";
import { getDb } from "@/server/db/client";
import { databaseNow } from "@/server/db/database-now";
import { getTask } from "./get-task";
import { requireCameras } from "./require-cameras";
import { nextRunTime, toScheduleColumns, type ScheduleColumns } from "./schedule";
import { lockTask } from "./task-state";
import { updateTaskInput, type UpdateTaskInput } from "./task-input";
import type { TaskView } from "./task-view";

const sameSchedule = (a: ScheduleColumns, b: ScheduleColumns) =>
  a.scheduleType === b.scheduleType && a.intervalMinutes === b.intervalMinutes && a.cronExpression === b.cronExpression;

/**
 * Changes the given fields of a task. Allowed while the task runs: only the task's own settings are
 * written, never the executor's columns (status, owner, attempt, started/heartbeat times), so the running
 * attempt keeps running with the settings it started with. next_run_time is recomputed from now (the
 * database's clock) when the schedule or the activation actually changes; an inactive task never has one.
 */
export async function updateTask(raw: UpdateTaskInput): Promise<TaskView> {
  const { id, cameraIds, schedule: scheduleChange, ...fields } = updateTaskInput.parse(raw);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const current = await lockTask(tx, id);
    if (cameraIds) await requireCameras(tx, cameraIds);
    const schedule = scheduleChange ? toScheduleColumns(scheduleChange) : current;
    const isActive = fields.isActive ?? current.isActive;
    const reschedule = !isActive || !current.isActive || !sameSchedule(schedule, current);
    const due = reschedule && isActive ? nextRunTime(schedule, await databaseNow(tx)) : null;
    await tx.diagnosisTask.update({
      where: { id },
      data: {
        ...fields,
        ...(scheduleChange ? toScheduleColumns(scheduleChange) : {}),
        ...(reschedule ? { nextRunTime: due } : {}),
        ...(cameraIds ? { cameras: { deleteMany: {}, create: cameraIds.map((cameraId) => ({ cameraId })) } } : {}),
      },
    });
  });
  return getTask(id);
}

/** Deactivating stops future runs (a running attempt finishes); activating makes the task due one schedule step from now. */
export const setTaskActive = (id: number, active: boolean) => updateTask({ id, isActive: active });
