import { spawn, type ChildProcess } from "node:child_process";

export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `easysight worker` (a real second process) against the test file's database. */
export function startWorker(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["bin/easysight.mjs", "worker"], {
    env: {
      ...process.env,
      EXECUTOR_POLL_MS: "100",
      EXECUTOR_HEARTBEAT_MS: "200",
      EXECUTOR_CONCURRENCY: "8",
      WATCHDOG_ENABLED: "0",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}
