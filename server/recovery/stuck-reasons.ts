import "server-only";

/**
 * Why a running task is considered stuck, in order of precedence: the first that applies is reported.
 * The codes are stable (API, audit, metrics); the sentences are what the operations guide shows.
 */
import type { StuckReasonCode } from "@/shared/stuck-reason-codes";

export { STUCK_REASON_CODES, type StuckReasonCode } from "@/shared/stuck-reason-codes";

export function stuckReasonText(code: StuckReasonCode, maxRuntimeMinutes: number): string {
  switch (code) {
    case "no_owner":
      return "任务没有执行器记录";
    case "executor_dead":
      return "执行器已失联";
    case "not_in_running_set":
      return "任务不在执行器运行列表中";
    case "heartbeat_stale":
      return "任务心跳超时";
    case "runtime_exceeded":
      return `运行时间超过 ${maxRuntimeMinutes} 分钟`;
  }
}

/** The codes that mean nothing is working on the task (as opposed to "working, but for too long"). */
export const NOT_RUNNING_CODES: ReadonlySet<StuckReasonCode> = new Set([
  "no_owner",
  "executor_dead",
  "not_in_running_set",
  "heartbeat_stale",
]);
