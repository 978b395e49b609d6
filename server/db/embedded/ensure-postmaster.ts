import "server-only";
import { dataDir } from "@/server/config/env";
import { logger } from "@/server/logging/logger";
import { withControlLock } from "./control-lock";
import { postmasterState, startPostmaster } from "./postmaster";

/** How a process found the embedded server: running, stopped cleanly (it started it) or dead (it restarted it). */
export type PostmasterOutcome = "running" | "started" | "restarted";

/**
 * Starts the embedded PostgreSQL unless it runs. Any process that needs it and finds it down does
 * this (a first start, or healing one that died); the control lock makes it one process at a time,
 * and the lock holder looks again, so processes that find it dead together start one server.
 */
export async function ensurePostmaster(): Promise<PostmasterOutcome> {
  if (postmasterState().status === "running") return "running";
  logger.debug({ component: "embedded-db", dataDir }, "the embedded PostgreSQL is not running: starting it unless another process does");
  return withControlLock(async () => {
    const before = postmasterState();
    if (before.status === "running") return "running";
    await startPostmaster();
    if (before.status === "stopped") {
      logger.info({ component: "embedded-db", dataDir }, "started the embedded PostgreSQL");
      return "started";
    }
    logger.warn({ component: "embedded-db", dataDir }, "the embedded PostgreSQL had died (its postmaster was gone): restarted it");
    return "restarted";
  });
}
