import type { Translate } from "@/components/i18n/messages";
import type { StuckReasonCode } from "@/server/recovery/stuck-reasons";

/** The stuck reason in the reader's language (the Chinese text is the API's stuck_reason sentence). */
export const stuckReasonText = (t: Translate, code: StuckReasonCode | "force_reset", maxRuntimeMinutes: number | string) =>
  t(`recoveries.reason.${code}`, { n: maxRuntimeMinutes });
