"use client";

import { useCallback } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useSentence } from "@/components/i18n/use-sentence";
import { runNoteText, type RunNote } from "@/shared/run-note";

/**
 * A run's note (a task's status reason, a run's error) in the reader's language: from its codes when
 * it has them, else from the stored sentence (notes written before codes, release and recovery reasons).
 */
export function useRunNote(): (note: RunNote | null, text: string | null) => string {
  const { lang } = useI18n();
  const say = useSentence();
  return useCallback((note, text) => (note ? runNoteText(note, lang) : say(text)), [lang, say]);
}
