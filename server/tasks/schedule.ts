import { CronExpressionParser } from "cron-parser";
import { z } from "zod";
import type { ScheduleType } from "@/server/db/generated/client";

/**
 * When a task runs: every N minutes, on a cron expression, or only when someone asks (manual).
 *
 * Cron expressions are read in the time zone of the process that computes the next run: the
 * system's, or the standard `TZ` environment variable, which Node.js applies itself. Every web
 * server and worker of one installation must therefore run with the same time zone.
 */
export const MAX_INTERVAL_MINUTES = 10_080;

/** The schedule columns of a task row, so the executor can pass the row it holds. */
export interface ScheduleColumns {
  scheduleType: ScheduleType;
  intervalMinutes: number | null;
  cronExpression: string | null;
}

const intervalMessage = `间隔为 1 到 ${MAX_INTERVAL_MINUTES} 分钟 (an interval is 1 to ${MAX_INTERVAL_MINUTES} minutes).`;

export const scheduleInput = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      type: z.literal("interval"),
      minutes: z.number({ error: intervalMessage }).int(intervalMessage).min(1, intervalMessage).max(MAX_INTERVAL_MINUTES, intervalMessage),
    }),
    z.strictObject({
      type: z.literal("cron"),
      expression: z
        .string({ error: 'cron 表达式须为文本，例如 "0 * * * *" (a cron expression is text such as "0 * * * *").' })
        .trim()
        .superRefine((expression, ctx) => {
          const problem = cronProblem(expression);
          if (problem)
            ctx.addIssue({
              code: "custom",
              message: `cron 表达式 "${expression}" 无效：${problem.zh} (invalid cron expression "${expression}": ${problem.en}).`,
            });
        }),
    }),
    z.strictObject({ type: z.literal("manual") }),
  ],
  { error: "调度类型为 interval、cron 或 manual (a schedule type is interval, cron or manual)." },
);
export type ScheduleInput = z.input<typeof scheduleInput>;

/** Why a cron expression cannot be used, as the end of a sentence in each language; null when it is fine. */
function cronProblem(expression: string): { zh: string; en: string } | null {
  const fields = expression.split(/\s+/).filter(Boolean);
  if (fields.length !== 5)
    return {
      zh: `需要 5 个字段（分 时 日 月 周），而不是 ${fields.length} 个`,
      en: `it needs 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}`,
    };
  // `H` picks a random value on every parse, so each process would compute a different next run.
  // ("thu" is the only day or month name with an h in it.)
  if (/h/i.test(expression.replace(/thu/gi, ""))) return { zh: "不支持随机值 H", en: "the random value H is not supported" };
  try {
    CronExpressionParser.parse(expression).next();
    return null;
  } catch (err) {
    return { zh: "有字段的取值超出范围或写法不对", en: (err as Error).message.replace(/[.!]*$/, "") };
  }
}

export function toScheduleColumns(input: z.output<typeof scheduleInput>): ScheduleColumns {
  switch (input.type) {
    case "interval":
      return { scheduleType: "interval", intervalMinutes: input.minutes, cronExpression: null };
    case "cron":
      return { scheduleType: "cron", intervalMinutes: null, cronExpression: input.expression };
    case "manual":
      return { scheduleType: "manual", intervalMinutes: null, cronExpression: null };
  }
}

/**
 * The first time strictly after `from` at which the task is due, or null for a manual task (it runs
 * only when someone asks). Throws if the row's schedule columns are inconsistent, which the input
 * schema above never lets through.
 */
export function nextRunTime(schedule: ScheduleColumns, from: Date): Date | null {
  switch (schedule.scheduleType) {
    case "manual":
      return null;
    case "interval":
      if (!schedule.intervalMinutes) throw new Error("An interval schedule has no interval_minutes.");
      return new Date(from.getTime() + schedule.intervalMinutes * 60_000);
    case "cron":
      if (!schedule.cronExpression) throw new Error("A cron schedule has no cron_expression.");
      return CronExpressionParser.parse(schedule.cronExpression, { currentDate: from }).next().toDate();
  }
}
