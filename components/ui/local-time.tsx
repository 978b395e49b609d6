"use client";

import { useI18n } from "@/components/i18n/i18n-provider";

/** A timestamp in the reader's time zone; the ISO value stays in the markup for tools and tests. */
export function LocalTime({ value }: { value: Date | string | null | undefined }) {
  const { lang, t } = useI18n();
  if (!value) return <span className="muted">{t("common.none")}</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const text = date.toLocaleString(lang === "zh" ? "zh-CN" : "en-GB", { dateStyle: "short", timeStyle: "medium" });
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
