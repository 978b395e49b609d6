"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import type { GrabErrorCode, GrabErrorParams } from "@/shared/grab-error-codes";

/** Why a camera gave no frame, in the reader's language; results stored before codes existed show their text. */
export function GrabErrorText({
  result,
}: {
  result: { error: string | null; errorCode: GrabErrorCode | null; errorParams: GrabErrorParams | null };
}) {
  const { t } = useI18n();
  const text = result.errorCode ? t(`grab.${result.errorCode}`, result.errorParams ?? {}) : result.error;
  return text ? <span className="error-text">{text}</span> : null;
}
