import "server-only";
import { isConnectionLost } from "@/server/db/connection-lost";
import "./params/zod-messages";

/**
 * Coded errors. Services throw AppError with a sentence a person can act on; the tRPC and REST
 * layers map the code to a status here, in one place. Anything else is an internal error whose
 * details stay in the log.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) => new AppError("BAD_REQUEST", message, details);
export const notFound = (message: string) => new AppError("NOT_FOUND", message);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError("CONFLICT", message, details);
export const forbidden = (message = "你没有执行此操作的权限 (you do not have permission to do this).") =>
  new AppError("FORBIDDEN", message);
export const unauthorized = (message = "请登录或提供有效的 API 令牌 (sign in, or send Authorization: Bearer <API token>).") =>
  new AppError("UNAUTHORIZED", message);

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;

export const DATABASE_UNREACHABLE = "数据库暂时无法连接，请稍后重试 (the database is unreachable at the moment; try again shortly).";

/**
 * Any thrown value as an AppError: zod validation becomes BAD_REQUEST with its first sentence; a
 * database that is down, restarting or dropped the connection becomes SERVICE_UNAVAILABLE (503: try
 * again), not an internal error.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (isZodLike(err)) {
    const issue = err.issues[0];
    const field = issue?.path?.length ? issue.path.join(".") : null;
    // The field is also given as data, so a form puts the sentence at its input without reading the text.
    return new AppError(
      "BAD_REQUEST",
      `${field ? `${field}: ` : ""}${issue?.message ?? "输入无效 (invalid input)."}`,
      field ? { field } : undefined,
    );
  }
  if (isConnectionLost(err)) return new AppError("SERVICE_UNAVAILABLE", DATABASE_UNREACHABLE);
  return new AppError(
    "INTERNAL_SERVER_ERROR",
    "服务器内部出错，详情见服务器日志 (something went wrong on the server; the details are in the server log).",
  );
}

export function isZodLike(err: unknown): err is { issues: Array<{ path?: PropertyKey[]; message: string }> } {
  return typeof err === "object" && err !== null && Array.isArray((err as { issues?: unknown }).issues);
}
