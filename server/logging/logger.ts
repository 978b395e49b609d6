import "server-only";
import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { env, logDir } from "@/server/config/env";

/**
 * JSON logs to stdout and to logs/diagnosis.log (the file the operations guide tails:
 * `tail -f logs/diagnosis.log | grep ERROR`). In-process streams only: pino's worker-thread
 * transports do not survive Next.js bundling.
 */
function createLogger(): pino.Logger {
  const terminal = env.LOG_STREAM === "stderr" ? process.stderr : process.stdout;
  const streams: pino.StreamEntry[] = [{ stream: terminal, level: env.LOG_LEVEL === "silent" ? "fatal" : env.LOG_LEVEL }];
  try {
    fs.mkdirSync(logDir, { recursive: true });
    // Opened synchronously so the stream is ready at once: a process that exits right away (a CLI
    // --help) must not trip over a log file that is still opening.
    const fd = fs.openSync(path.join(logDir, "diagnosis.log"), "a");
    streams.push({ stream: pino.destination({ fd, sync: false }) });
  } catch (err) {
    process.stderr.write(`Cannot write ${logDir}/diagnosis.log, logging to stdout only: ${(err as Error).message}\n`);
  }
  return pino(
    {
      level: env.LOG_LEVEL,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label.toUpperCase() }) },
    },
    pino.multistream(streams),
  );
}

const holder = globalThis as { __easysightLogger?: pino.Logger };
export const logger: pino.Logger = (holder.__easysightLogger ??= createLogger());
