import { env } from "@/server/config/env";
import { closeDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { processExecutor, startProcessExecutor, stopProcessExecutor } from "@/server/executor/process-executor";
import { Watchdog } from "@/server/recovery/watchdog";
import type { InstanceKind } from "@/server/executor/instance-registry";

const holder = globalThis as { __easysightWatchdog?: Watchdog };

/** What every server and worker process runs besides answering requests. */
export async function startBackgroundServices(kind: InstanceKind): Promise<void> {
  if (env.EXECUTOR_ENABLED || kind === "worker") await startProcessExecutor(kind);
  if (env.WATCHDOG_ENABLED && !holder.__easysightWatchdog) {
    holder.__easysightWatchdog = new Watchdog({ intervalMs: env.WATCHDOG_INTERVAL_MS, instanceId: () => processExecutor()?.instanceId });
    holder.__easysightWatchdog.start();
  }
}

/** SIGTERM/SIGINT: let the executor release its work, close the database, then exit. */
export function exitGracefullyOnSignals(): void {
  let exiting = false;
  const shutdown = async (signal: string) => {
    if (exiting) return;
    exiting = true;
    logger.info({ signal }, "shutting down");
    await holder.__easysightWatchdog?.stop().catch((err) => logger.error({ err }, "error while stopping the watchdog"));
    await stopProcessExecutor().catch((err) => logger.error({ err }, "error while stopping the executor"));
    await closeDb().catch((err) => logger.error({ err }, "error while closing the database"));
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
