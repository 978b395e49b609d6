import "server-only";
import { logger } from "@/server/logging/logger";
import { GrabError } from "./grab-error";

const BY_ERRNO: Record<string, GrabError["code"]> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "unknown_host",
  EAI_AGAIN: "unknown_host",
  EAI_NONAME: "unknown_host",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ECONNRESET: "unreachable",
  ECONNABORTED: "unreachable",
  ETIMEDOUT: "unreachable",
  EPIPE: "unreachable",
  EPROTO: "tls_failed",
};

/** A network error of a camera connection as a grab error code; the unforeseen ones are logged. */
export function connectionError(err: unknown): GrabError {
  if (err instanceof GrabError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? "";
  if (code === "ABORT_ERR") return new GrabError("aborted");
  if (BY_ERRNO[code]) return new GrabError(BY_ERRNO[code]);
  if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/.test(code)) return new GrabError("tls_failed");
  if ((err as Error)?.message === "socket hang up") return new GrabError("unreachable");
  logger.warn({ err }, "a camera connection failed in an unforeseen way");
  return new GrabError("failed");
}
