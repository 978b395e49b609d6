import "server-only";
import sharp from "sharp";
import { env } from "@/server/config/env";
import { logger } from "@/server/logging/logger";
import { processExecutor, startProcessExecutor, stopProcessExecutor } from "@/server/executor/process-executor";
import { Watchdog } from "@/server/recovery/watchdog";
import { activeAlertRules } from "@/server/alerts/active-rules";
import { AlertConfigError, type AlertRule } from "@/server/alerts/alert-rules";
import { alertHook } from "@/server/alerts/evaluate-alerts";
import { settleAlertSends } from "@/server/alerts/notification-dispatch";
import type { InstanceKind } from "@/server/executor/instance-registry";
import { RetentionJob } from "@/server/retention/retention-job";
import { closeDatabase } from "./open-database";

const holder = globalThis as { __easysightWatchdog?: Watchdog; __easysightRetention?: RetentionJob };

/** How often each process tries to prune when RETENTION_DAYS is set. */
const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/** What every server and worker process runs besides answering requests. */
export async function startBackgroundServices(kind: InstanceKind): Promise<void> {
  // A worker watching 100 cameras must stay well under 300 MB (libvips' operation cache is off wherever
  // frames are decoded: diagnosis/decode.ts).
  sharp.concurrency(1);
  const rules = alertRulesOrExit();
  if (env.EXECUTOR_ENABLED || kind === "worker") await startProcessExecutor(kind);
  if (env.WATCHDOG_ENABLED && !holder.__easysightWatchdog) {
    const instanceId = () => processExecutor()?.instanceId;
    holder.__easysightWatchdog = new Watchdog({
      intervalMs: env.WATCHDOG_INTERVAL_MS,
      autoRecover: env.AUTO_RECOVERY_ENABLED,
      instanceId,
      onCycle: alertHook(rules, { webhookUrls: env.ALERT_WEBHOOK_URLS, instanceId }),
    });
    holder.__easysightWatchdog.start();
  }
  if (env.RETENTION_DAYS && !holder.__easysightRetention) {
    holder.__easysightRetention = new RetentionJob({ olderThanDays: env.RETENTION_DAYS, intervalMs: RETENTION_INTERVAL_MS });
    holder.__easysightRetention.start();
  }
}

/** An invalid alerts file stops the process before it starts any work, with the file's problems. */
function alertRulesOrExit(): AlertRule[] {
  try {
    return activeAlertRules();
  } catch (err) {
    if (!(err instanceof AlertConfigError)) throw err;
    logger.fatal({ component: "alerts" }, `invalid alert rules:\n${err.message}`);
    logger.flush();
    process.stderr.write(
      `\nEasySight cannot start: the alert rules are invalid (fix them, or check with \`easysight alerts check\`):\n${err.message}\n\n`,
    );
    process.exit(1);
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
    await settleAlertSends();
    await holder.__easysightRetention?.stop().catch((err) => logger.error({ err }, "error while stopping the retention job"));
    await stopProcessExecutor().catch((err) => logger.error({ err }, "error while stopping the executor"));
    await closeDatabase().catch((err) => logger.error({ err }, "error while closing the database"));
    logger.flush();
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
