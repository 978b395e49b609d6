import "server-only";
import { describeFfmpeg } from "@/server/cameras/ffmpeg-binary";
import { logger } from "@/server/logging/logger";
import { exitGracefullyOnSignals, startBackgroundServices } from "./background-services";
import { openDatabase } from "./open-database";

/**
 * `easysight worker`: the executor, watchdog and alerts without a web server. The database is
 * migrated first; the admin account and demo data are the web server's business.
 */
export async function startWorkerProcess(): Promise<void> {
  const { embedded } = await openDatabase({ migrate: true }).catch((err: Error) => {
    process.stderr.write(`error: the worker cannot open the database: ${err.message}\n`);
    process.exit(1);
  });
  process.stderr.write(`worker started (${embedded ? "embedded database" : "DATABASE_URL"}); stop with Ctrl-C or SIGTERM\n`);
  logger.info(describeFfmpeg());
  exitGracefullyOnSignals();
  await startBackgroundServices("worker");
}
