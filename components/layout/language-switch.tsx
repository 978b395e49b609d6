"use client";

import { useRouter } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LANG_COOKIE } from "@/components/i18n/messages";

export function LanguageSwitch() {
  const { lang, t } = useI18n();
  const router = useRouter();
  const other = lang === "zh" ? "en" : "zh";
  return (
    <button
      type="button"
      className="btn btn-ghost"
      lang={other}
      onClick={() => {
        document.cookie = `${LANG_COOKIE}=${other}; path=/; max-age=31536000; samesite=lax`;
        router.refresh();
      }}
    >
      {t("nav.language")}
    </button>
  );
}
