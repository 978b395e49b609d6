import { env } from "@/server/config/env";
import { closeDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { startProcessExecutor, stopProcessExecutor } from "@/server/executor/process-executor";
import type { InstanceKind } from "@/server/executor/instance-registry";

/** What every server and worker process runs besides answering requests. */
export async function startBackgroundServices(kind: InstanceKind): Promise<void> {
  if (env.EXECUTOR_ENABLED || kind === "worker") await startProcessExecutor(kind);
}

/** SIGTERM/SIGINT: let the executor release its work, close the database, then exit. */
export function exitGracefullyOnSignals(): void {
  let exiting = false;
  const shutdown = async (signal: string) => {
    if (exiting) return;
    exiting = true;
    logger.info({ signal }, "shutting down");
    await stopProcessExecutor().catch((err) => logger.error({ err }, "error while stopping the executor"));
    await closeDb().catch((err) => logger.error({ err }, "error while closing the database"));
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
