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
    streams.push({ stream: pino.destination({ dest: path.join(logDir, "diagnosis.log"), sync: false, mkdir: true }) });
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
