"use client";

import { useCallback } from "react";
import { sentenceIn } from "@/shared/bilingual";
import { useI18n } from "./i18n-provider";

/**
 * Stored sentences the server wrote in the API's bilingual form (a run's note, a grab error, a
 * task's status reason), shown in the reader's language. Text in one language passes unchanged.
 */
export function useSentence(): (text: string | null) => string {
  const { lang } = useI18n();
  return useCallback((text: string | null) => (text ? sentenceIn(text, lang) : ""), [lang]);
}
