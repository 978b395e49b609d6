import "server-only";
import { env } from "@/server/config/env";
import { describeFfmpeg } from "@/server/cameras/ffmpeg-binary";
import { logger } from "@/server/logging/logger";
import { exitGracefullyOnSignals, startBackgroundServices } from "./background-services";
import { openDatabase } from "./open-database";

const holder = globalThis as { __easysightStarted?: boolean };

/**
 * A web server's start: the database first (fail fast with a clear message; migrated, with an admin
 * account and, on a new embedded database, the demo data), then background services. Once per process.
 */
export async function startServerProcess(): Promise<void> {
  if (holder.__easysightStarted) return;
  holder.__easysightStarted = true;
  try {
    const { embedded } = await openDatabase({ migrate: true, ensureAdmin: true, demoData: true });
    const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
    logger.info({ url, embedded }, "EasySight is ready");
    logger.info(describeFfmpeg());
    process.stdout.write(`\n  EasySight is running at ${url}\n\n`);
  } catch (err) {
    logger.fatal({ err }, "cannot open the database");
    process.stderr.write(`\nEasySight cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }
  exitGracefullyOnSignals();
  await startBackgroundServices("server");
}
