"use client";

import { useSyncExternalStore } from "react";
import { DEFAULT_LANG, isLang, LANG_COOKIE, type Lang } from "@/components/i18n/messages";
import { PageError } from "@/components/layout/page-error";
import "./globals.css";

/**
 * The root layout itself failed (it reads the signed-in user from the database): this replaces the
 * whole document, so it reads the language cookie itself.
 */
export default function GlobalError({ retry }: { retry: () => void }) {
  const lang = useSyncExternalStore(noChanges, cookieLang, () => DEFAULT_LANG);
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <body>
        <main className="page">
          <PageError lang={lang} retry={retry} />
        </main>
      </body>
    </html>
  );
}

const noChanges = () => () => undefined;

function cookieLang(): Lang {
  const value = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LANG_COOKIE}=`))
    ?.slice(LANG_COOKIE.length + 1);
  return isLang(value) ? value : DEFAULT_LANG;
}
