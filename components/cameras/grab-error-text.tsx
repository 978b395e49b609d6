"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import { useSentence } from "@/components/i18n/use-sentence";
import type { GrabErrorCode, GrabErrorParams } from "@/shared/grab-error-codes";

/** Why a camera gave no frame, in the reader's language; results stored before codes existed show their text (the reader's half of a bilingual one). */
export function GrabErrorText({
  result,
}: {
  result: { error: string | null; errorCode: GrabErrorCode | null; errorParams: GrabErrorParams | null };
}) {
  const { t } = useI18n();
  const say = useSentence();
  const text = result.errorCode ? t(`grab.${result.errorCode}`, result.errorParams ?? {}) : say(result.error);
  return text ? <span className="error-text">{text}</span> : null;
}
