import { createTaskInput, type CreateTaskInput } from "@/server/tasks/task-input";
import type { MessageKey } from "@/components/i18n/messages";
import type { TaskView } from "@/server/tasks/task-view";

/** The form's fields as typed (numbers stay text until submitted, so a half-typed value is not lost). */
export interface TaskFormValues {
  name: string;
  description: string;
  cameras: Array<{ id: number; name: string }>;
  checks: string[];
  scheduleType: "interval" | "cron" | "manual";
  intervalMinutes: string;
  cronExpression: string;
  maxRuntimeMinutes: string;
  isActive: boolean;
}

export type TaskFormField = "name" | "description" | "cameraIds" | "checks" | "schedule" | "maxRuntimeMinutes";
export type TaskFormErrors = Partial<Record<TaskFormField, MessageKey>>;

export const emptyTaskForm = (): TaskFormValues => ({
  name: "",
  description: "",
  cameras: [],
  checks: [],
  scheduleType: "interval",
  intervalMinutes: "10",
  cronExpression: "0 * * * *",
  maxRuntimeMinutes: "30",
  isActive: true,
});

export const taskFormFrom = (task: TaskView): TaskFormValues => ({
  name: task.name,
  description: task.description ?? "",
  cameras: task.cameras.map((c) => ({ id: c.id, name: c.name })),
  checks: task.checks,
  scheduleType: task.scheduleType,
  intervalMinutes: String(task.intervalMinutes ?? 10),
  cronExpression: task.cronExpression ?? "0 * * * *",
  maxRuntimeMinutes: String(task.maxRuntimeMinutes),
  isActive: task.isActive,
});

/** The camera picker's query (the form pages prefetch its first answer with the same key). */
export const cameraChoicesInput = (q = "") => ({ q: q.trim() || undefined, pageSize: 100 });

const number = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** What tasks.create / tasks.update receive (update adds the id and leaves thresholds as they are). */
export function taskPayload(v: TaskFormValues) {
  const schedule =
    v.scheduleType === "interval"
      ? { type: "interval" as const, minutes: number(v.intervalMinutes) }
      : v.scheduleType === "cron"
        ? { type: "cron" as const, expression: v.cronExpression }
        : { type: "manual" as const };
  return {
    name: v.name,
    description: v.description,
    cameraIds: v.cameras.map((c) => c.id),
    checks: v.checks as CreateTaskInput["checks"],
    schedule,
    maxRuntimeMinutes: number(v.maxRuntimeMinutes),
    isActive: v.isActive,
  };
}

const MESSAGES: Record<TaskFormField, MessageKey> = {
  name: "taskForm.error.name",
  description: "taskForm.error.description",
  cameraIds: "taskForm.error.cameras",
  checks: "taskForm.error.checks",
  schedule: "taskForm.error.interval",
  maxRuntimeMinutes: "taskForm.error.maxRuntime",
};

/**
 * The same schema the server validates with (tasks.create), so the inline messages and the server
 * agree; each invalid field gets its message in the reader's language.
 */
export function validateTaskForm(v: TaskFormValues): TaskFormErrors {
  const result = createTaskInput.safeParse(taskPayload(v));
  if (result.success) return {};
  const errors: TaskFormErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as TaskFormField;
    if (!(field in MESSAGES) || errors[field]) continue;
    errors[field] = field === "schedule" && v.scheduleType === "cron" ? "taskForm.error.cron" : MESSAGES[field];
  }
  return errors;
}
