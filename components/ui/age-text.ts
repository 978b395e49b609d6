import type { Translate } from "@/components/i18n/messages";

/** "12 秒前" / "5 min ago": an age in seconds, rounded to the unit that reads best. */
export function ageText(t: Translate, seconds: number): string {
  if (seconds < 60) return t("age.seconds", { n: Math.max(0, Math.round(seconds)) });
  if (seconds < 3600) return t("age.minutes", { n: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t("age.hours", { n: Math.floor(seconds / 3600) });
  return t("age.days", { n: Math.floor(seconds / 86_400) });
}
