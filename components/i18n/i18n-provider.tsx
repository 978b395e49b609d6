"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { translator, type Lang, type Translate } from "./messages";

const I18nContext = createContext<{ lang: Lang; t: Translate } | null>(null);

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => ({ lang, t: translator(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside I18nProvider");
  return value;
}
