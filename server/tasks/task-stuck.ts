import "server-only";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { stoppedAtOf, type StoppedAt } from "@/server/recovery/running-task";
import type { StuckReasonCode } from "@/server/recovery/stuck-reasons";
import type { TaskView } from "./task-view";

/** Why a running task counts as stuck, as the list and the detail show it. */
export interface TaskStuck {
  code: StuckReasonCode;
  /** The stuck_reason sentence of the status-check API. */
  reason: string;
  isActuallyRunning: boolean;
  runtimeMinutes: number;
  /** Where the run stopped (camera i of N, which one, the phase, minutes in it); null before its first camera. */
  stoppedAt: StoppedAt | null;
}

export type TaskWithStuck = TaskView & { stuck: TaskStuck | null };

/**
 * Adds the stuck check's verdict to tasks: null for every task that is not stuck. Only the running
 * ones are judged, in one query over just those rows.
 */
export async function withStuck(tasks: TaskView[]): Promise<TaskWithStuck[]> {
  const runningIds = tasks.filter((task) => task.status === "running").map((task) => task.id);
  const check = runningIds.length ? await checkStuckTasks({ taskIds: runningIds }) : { stuck: [] };
  const stuck = new Map(
    check.stuck.map((t) => [
      t.id,
      {
        code: t.stuck_reason_code!,
        reason: t.stuck_reason!,
        isActuallyRunning: t.is_actually_running,
        runtimeMinutes: t.runtime_minutes,
        stoppedAt: stoppedAtOf(t.progress),
      },
    ]),
  );
  return tasks.map((task) => ({ ...task, stuck: stuck.get(task.id) ?? null }));
}
