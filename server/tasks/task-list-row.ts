import "server-only";
import type { TaskWithStuck } from "./task-stuck";

/**
 * A task as the console's task list shows it: name, cameras, checks, schedule, status (with its
 * progress and why it is stuck), run times and executor. The task's page reads the full view
 * (tasks.byId). The list's page is server-rendered with its data for the browser to take over, so
 * each field here is sent twice per row: with the full view, 50 rows made 120 KB of HTML, with this
 * one under 100 KB (bench/executors-page.ts).
 */
export const toTaskListRow = (task: TaskWithStuck) => ({
  id: task.id,
  name: task.name,
  status: task.status,
  isActive: task.isActive,
  checks: task.checks,
  scheduleType: task.scheduleType,
  intervalMinutes: task.intervalMinutes,
  cronExpression: task.cronExpression,
  lastRunTime: task.lastRunTime,
  nextRunTime: task.nextRunTime,
  maxRuntimeMinutes: task.maxRuntimeMinutes,
  startedAt: task.startedAt,
  lastRunOutcome: task.lastRunOutcome,
  progressIndex: task.progressIndex,
  progressTotal: task.progressTotal,
  progressCamera: task.progressCamera,
  progressPhase: task.progressPhase,
  progressPhaseAt: task.progressPhaseAt,
  owner: task.owner && { host: task.owner.host, pid: task.owner.pid },
  cameras: task.cameras.map(({ id, name }) => ({ id, name })),
  // The list names why a task is stuck from its code in the reader's language (the API's sentence is for API clients).
  stuck: task.stuck && { code: task.stuck.code, runtimeMinutes: task.stuck.runtimeMinutes, stoppedAt: task.stuck.stoppedAt },
});

export type TaskListRow = ReturnType<typeof toTaskListRow>;
