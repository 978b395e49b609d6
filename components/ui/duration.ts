import type { Translate } from "@/components/i18n/messages";

/** A length of time for people: "45 秒", "12 分钟", "2 小时 5 分钟". */
export function formatDuration(t: Translate, seconds: number): string {
  if (seconds < 60) return t("time.seconds", { n: seconds < 10 ? Number(seconds.toFixed(1)) : Math.round(seconds) });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return t("time.minutes", { n: minutes });
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? t("time.hoursMinutes", { h: hours, m: minutes % 60 }) : t("time.hours", { n: hours });
}
