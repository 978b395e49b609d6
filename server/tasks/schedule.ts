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

const intervalMessage = `An interval is 1 to ${MAX_INTERVAL_MINUTES} minutes.`;

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
        .string({ error: 'A cron expression is text such as "0 * * * *".' })
        .trim()
        .superRefine((expression, ctx) => {
          const problem = cronProblem(expression);
          if (problem) ctx.addIssue({ code: "custom", message: `Invalid cron expression "${expression}": ${problem}` });
        }),
    }),
    z.strictObject({ type: z.literal("manual") }),
  ],
  { error: "A schedule type is interval, cron or manual." },
);
export type ScheduleInput = z.input<typeof scheduleInput>;

/** Why a cron expression cannot be used, as the end of a sentence; null when it is fine. */
function cronProblem(expression: string): string | null {
  const fields = expression.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) return `it needs 5 fields (minute hour day-of-month month day-of-week), not ${fields.length}.`;
  // `H` picks a random value on every parse, so each process would compute a different next run.
  // ("thu" is the only day or month name with an h in it.)
  if (/h/i.test(expression.replace(/thu/gi, ""))) return "the random value H is not supported.";
  try {
    CronExpressionParser.parse(expression).next();
    return null;
  } catch (err) {
    return `${(err as Error).message.replace(/[.!]*$/, "")}.`;
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
