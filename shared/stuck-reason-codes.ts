/**
 * Why a running task is considered stuck, in order of precedence (server/recovery/stuck-reasons.ts
 * judges and words them), plus `force_reset` for a reset that did not need a reason. Shared by the
 * server and the console, which shows each code in the reader's language.
 */
export const STUCK_REASON_CODES = ["no_owner", "executor_dead", "not_in_running_set", "heartbeat_stale", "runtime_exceeded"] as const;
export type StuckReasonCode = (typeof STUCK_REASON_CODES)[number];

export const RECOVERY_REASON_CODES = [...STUCK_REASON_CODES, "force_reset"] as const;
export type RecoveryReasonCode = (typeof RECOVERY_REASON_CODES)[number];

export const isRecoveryReasonCode = (value: unknown): value is RecoveryReasonCode =>
  RECOVERY_REASON_CODES.includes(value as RecoveryReasonCode);
