"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { useHydrated } from "./use-hydrated";

const FORMATS = {
  full: { dateStyle: "short", timeStyle: "medium" },
  /** For tables: month, day, hours and minutes (the full value is in the tooltip). */
  compact: { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" },
  time: { timeStyle: "medium" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A timestamp in the reader's time zone; the ISO value stays in the markup for tools and tests.
 * The server does not know that zone: its HTML and the render that hydrates it both say UTC, so they
 * agree, and the render after hydration switches to the reader's zone. (Rendered in the server's zone
 * and left as it was by hydration, a page showed UTC times until its data next refreshed.)
 */
export function LocalTime({ value, format = "full" }: { value: Date | string | null | undefined; format?: keyof typeof FORMATS }) {
  const { lang, t } = useI18n();
  const hydrated = useHydrated();
  if (!value) return <span className="muted">{t("common.none")}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const locale = lang === "zh" ? "zh-CN" : "en-GB";
  const timeZone = hydrated ? undefined : "UTC";
  return (
    // Node's and the browser's ICU may still word the same instant differently: the next render fixes it.
    <time dateTime={date.toISOString()} title={date.toLocaleString(locale, { timeZone })} suppressHydrationWarning>
      {date.toLocaleString(locale, { ...FORMATS[format], timeZone })}
    </time>
  );
}
