import type { Translate } from "@/components/i18n/messages";

export function scheduleText(
  t: Translate,
  task: { scheduleType: string; intervalMinutes: number | null; cronExpression: string | null },
): string {
  if (task.scheduleType === "interval") return t("schedule.interval", { n: task.intervalMinutes ?? "?" });
  if (task.scheduleType === "cron") return t("schedule.cron", { expr: task.cronExpression ?? "?" });
  return t("schedule.manual");
}
