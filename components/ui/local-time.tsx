"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

const FORMATS = {
  full: { dateStyle: "short", timeStyle: "medium" },
  /** For tables: month, day, hours and minutes (the full value is in the tooltip). */
  compact: { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" },
  time: { timeStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** A timestamp in the reader's time zone; the ISO value stays in the markup for tools and tests. */
export function LocalTime({ value, format = "full" }: { value: Date | string | null | undefined; format?: keyof typeof FORMATS }) {
  const { lang, t } = useI18n();
  if (!value) return <span className="muted">{t("common.none")}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const locale = lang === "zh" ? "zh-CN" : "en-GB";
  return (
    <time dateTime={date.toISOString()} title={date.toLocaleString(locale)} suppressHydrationWarning>
      {date.toLocaleString(locale, FORMATS[format])}
    </time>
  );
}
