"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";

/**
 * A link, not a button: the server sets the language cookie and sends the reader back to the same
 * page, so the switch works even before the page has hydrated.
 */
export function LanguageSwitch() {
  const { lang, t } = useI18n();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const other = lang === "zh" ? "en" : "zh";
  const back = pathname + (search ? `?${search}` : "");
  return (
    <a className="btn btn-ghost" lang={other} href={`/api/lang?lang=${other}&return=${encodeURIComponent(back)}`}>
      {t("nav.language")}
    </a>
  );
}
