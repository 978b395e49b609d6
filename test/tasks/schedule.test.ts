import { describe, expect, it } from "vitest";
import { nextRunTime, scheduleInput, type ScheduleColumns } from "@/server/tasks/schedule";

const interval = (minutes: number): ScheduleColumns => ({ scheduleType: "interval", intervalMinutes: minutes, cronExpression: null });
const cron = (expression: string): ScheduleColumns => ({ scheduleType: "cron", intervalMinutes: null, cronExpression: expression });
const problem = (input: unknown) => {
  const parsed = scheduleInput.safeParse(input);
  return parsed.success ? null : parsed.error.issues[0].message;
};

describe("task schedule: next run time", () => {
  it("an interval task is due N minutes after the given time", () => {
    const from = new Date("2025-01-15T10:07:30.250Z");
    expect(nextRunTime(interval(5), from)).toEqual(new Date("2025-01-15T10:12:30.250Z"));
    expect(nextRunTime(interval(10_080), from)).toEqual(new Date("2025-01-22T10:07:30.250Z"));
  });

  // Dates are built in local time and lie in mid-January, when no time zone changes its offset,
  // so these hold in whatever time zone the tests run.
  it("a cron task is due at the next matching minute, strictly after the given time", () => {
    const from = new Date(2025, 0, 15, 10, 7, 30);
    expect(nextRunTime(cron("*/15 * * * *"), from)).toEqual(new Date(2025, 0, 15, 10, 15));
    expect(nextRunTime(cron("30 2 * * *"), from)).toEqual(new Date(2025, 0, 16, 2, 30));
    expect(nextRunTime(cron("0 9 * * MON"), from)).toEqual(new Date(2025, 0, 20, 9, 0));
    expect(nextRunTime(cron("0 * * * *"), new Date(2025, 0, 15, 11, 0))).toEqual(new Date(2025, 0, 15, 12, 0));
  });

  it("cron times are read in the process's time zone (TZ)", () => {
    const saved = process.env.TZ;
    const from = new Date("2025-01-15T00:00:00Z");
    try {
      process.env.TZ = "Asia/Shanghai";
      expect(nextRunTime(cron("0 8 * * *"), from)).toEqual(new Date("2025-01-16T00:00:00Z"));
      process.env.TZ = "UTC";
      expect(nextRunTime(cron("0 8 * * *"), from)).toEqual(new Date("2025-01-15T08:00:00Z"));
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it("a manual task has no next run", () => {
    expect(nextRunTime({ scheduleType: "manual", intervalMinutes: null, cronExpression: null }, new Date())).toBeNull();
  });
});

describe("task schedule: input sentences", () => {
  it("an interval outside 1..10080 minutes or not whole is refused with one sentence", () => {
    for (const minutes of [0, 10_081, 2.5, -3])
      expect(problem({ type: "interval", minutes })).toBe("间隔为 1 到 10080 分钟 (an interval is 1 to 10080 minutes).");
    expect(problem({ type: "interval", minutes: 1 })).toBeNull();
  });

  it("an invalid cron expression is named with the reason", () => {
    expect(problem({ type: "cron", expression: "x" })).toBe(
      'cron 表达式 "x" 无效：需要 5 个字段（分 时 日 月 周），而不是 1 个 (invalid cron expression "x": it needs 5 fields (minute hour day-of-month month day-of-week), not 1).',
    );
    expect(problem({ type: "cron", expression: "60 * * * *" })).toMatch(
      /^cron 表达式 "60 \* \* \* \*" 无效：.* \(invalid cron expression "60 \* \* \* \*": .*0-59.*\)\.$/,
    );
    expect(problem({ type: "cron", expression: "0 0 * * * *" })).toMatch(/而不是 6 个 .*needs 5 fields.*not 6\)\.$/);
    expect(problem({ type: "cron", expression: "H * * * *" })).toMatch(/不支持随机值 H .*random value H is not supported/);
    expect(problem({ type: "cron", expression: "0 8 * * thu" })).toBeNull();
  });

  it("an unknown schedule type is refused", () => {
    expect(problem({ type: "weekly" })).toBe("调度类型为 interval、cron 或 manual (a schedule type is interval, cron or manual).");
  });
});
