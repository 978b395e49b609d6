import "server-only";
import { getDb } from "@/server/db/client";
import { getTask } from "./get-task";
import { whyUnchanged } from "./task-state";
import type { TaskView } from "./task-view";

/**
 * Makes a task due now, so that the executor claims it at its next poll. Allowed for every active task
 * that is not running, manual ones included (after the run a manual task has no next run again).
 * Refused for a running task (it would run twice) and for an inactive one: the executor claims only
 * active tasks, so it would never run, and activating it here would quietly restart its schedule.
 */
export async function runTaskNow(id: number): Promise<TaskView> {
  const db = await getDb();
  // One conditional statement, so the executor cannot claim the task between a check and this write.
  // now() is the database's clock, the one the executor compares next_run_time with.
  const changed = await db.$executeRaw`
    UPDATE diagnosis_tasks SET next_run_time = now(), updated_at = now()
    WHERE id = ${id} AND status <> 'running' AND is_active`;
  if (changed === 0) {
    throw await whyUnchanged(id, {
      running: `任务 ${id} 正在运行，本次运行结束后才能再次运行 (task ${id} is running; it can run again when this run ends).`,
      inactive: `任务 ${id} 已停用，请先启用：执行器只运行启用的任务 (task ${id} is inactive; activate it first: the executor runs only active tasks).`,
    });
  }
  return getTask(id);
}
