import "server-only";

/**
 * True when an error means the database cannot be reached or dropped the connection (it is down,
 * restarting, or shutting down) rather than that a statement failed. Knows the shapes such errors
 * take here: node-postgres (socket codes, server codes, its own "Connection terminated" messages)
 * and Prisma's driver adapter, which wraps them (P1001/P1017, or `meta.driverAdapterError`).
 */
export function isConnectionLost(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message, meta } = e as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
    if (typeof code === "string" && LOST_CODES.has(code)) return true;
    if (typeof message === "string" && LOST_MESSAGES.test(message)) return true;
    if (adapterCauseLost(meta?.driverAdapterError?.cause)) return true;
  }
  return false;
}

/**
 * Sockets: refused, reset, timed out, no such host. PostgreSQL: 57P01-57P03 (shut down by an
 * administrator, crashed, cannot connect now: starting or stopping) and class 08 (connection
 * exceptions). Prisma: P1001 (can't reach the server), P1017 (the server closed the connection).
 */
const LOST_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "P1001",
  "P1017",
]);

/** node-postgres' own sentences when a connection dies under it (they carry no code). */
const LOST_MESSAGES = /Connection terminated|Client has encountered a connection error|Connection is closed|Can't reach database server/;

function adapterCauseLost(cause: unknown): boolean {
  if (!cause || typeof cause !== "object") return false;
  const { kind, code } = cause as { kind?: string; code?: string };
  if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
  return kind === "postgres" && typeof code === "string" && LOST_CODES.has(code);
}
