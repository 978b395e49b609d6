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

/** Each reason in both languages (the console's `recoveries.reason.*` messages; `{n}`: the runtime limit in minutes). */
export const RECOVERY_REASON_MESSAGES = {
  "recoveries.reason.no_owner": { zh: "任务没有执行器记录", en: "No executor owns the task" },
  "recoveries.reason.executor_dead": { zh: "执行器已失联", en: "Its executor is dead" },
  "recoveries.reason.not_in_running_set": { zh: "任务不在执行器运行列表中", en: "Its executor is not running it" },
  "recoveries.reason.heartbeat_stale": { zh: "任务心跳超时", en: "The run stopped sending heartbeats" },
  "recoveries.reason.runtime_exceeded": { zh: "运行时间超过 {n} 分钟", en: "Ran longer than {n} min" },
  "recoveries.reason.force_reset": { zh: "强制重置", en: "Forced reset" },
} as const satisfies Record<`recoveries.reason.${RecoveryReasonCode}`, { zh: string; en: string }>;
