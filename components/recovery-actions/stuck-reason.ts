import type { Translate } from "@/components/i18n/messages";
import { isRecoveryReasonCode, type RecoveryReasonCode } from "@/shared/stuck-reason-codes";
import { isRunPhase } from "@/shared/run-progress";

/** The stuck reason in the reader's language (the Chinese text is the API's stuck_reason sentence). */
export const stuckReasonText = (t: Translate, code: RecoveryReasonCode, maxRuntimeMinutes: number | string) =>
  t(`recoveries.reason.${code}`, { n: maxRuntimeMinutes });

/** An audit row's reason from its code and runtime limit (columns); an unknown code keeps the stored text. */
export const auditReasonText = (t: Translate, audit: { reasonCode: string; reasonText: string; reasonRuntimeLimit: number | null }) =>
  isRecoveryReasonCode(audit.reasonCode) ? stuckReasonText(t, audit.reasonCode, audit.reasonRuntimeLimit ?? "?") : audit.reasonText;

export interface StoppedAt {
  phase: string | null;
  cameraName: string | null;
  index: number | null;
  total: number | null;
  waitedMinutes: number | null;
}

/** "在抓取「大门-04」画面时中断（第 3/10 个摄像头），已等待 28 分钟" in the reader's language, or null. */
export function stoppedWhereText(t: Translate, s: StoppedAt): string | null {
  if (!isRunPhase(s.phase) || s.cameraName === null || s.index === null || s.total === null) return null;
  return t(`stopped.${s.phase}`, { camera: s.cameraName, i: s.index, n: s.total, minutes: s.waitedMinutes ?? 0 });
}
