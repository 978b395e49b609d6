import { env } from "@/server/config/env";
import { getDatabaseInfo } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { exitGracefullyOnSignals, startBackgroundServices } from "./background-services";

const holder = globalThis as { __easysightStarted?: boolean };

/** Database first (fail fast with a clear message), then background services. Once per process. */
export async function startServerProcess(): Promise<void> {
  if (holder.__easysightStarted) return;
  holder.__easysightStarted = true;
  try {
    const info = await getDatabaseInfo();
    const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
    logger.info({ url, embedded: info.embedded }, "EasySight is ready");
    process.stdout.write(`\n  EasySight is running at ${url}\n\n`);
  } catch (err) {
    logger.fatal({ err }, "cannot open the database");
    process.stderr.write(`\nEasySight cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }
  exitGracefullyOnSignals();
  await startBackgroundServices("server");
}
