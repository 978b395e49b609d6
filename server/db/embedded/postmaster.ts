import "server-only";
import fs from "node:fs/promises";
import { readFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/server/config/env";
import { pgDir, serverLog } from "./paths";
import { pgBinaries, runPgBinary } from "./run-as-postgres";

/**
 * The embedded server as its postmaster.pid tells: running (pid and port), stopped cleanly (no
 * file: pg_ctl stop removes it), or crashed (the file names a process that is gone: killed, or the
 * machine restarted).
 */
export type PostmasterState = { status: "running"; pid: number; port: number } | { status: "stopped" } | { status: "crashed" };

export function postmasterState(): PostmasterState {
  let lines: string[];
  try {
    lines = readFileSync(path.join(pgDir(), "postmaster.pid"), "utf8").split("\n");
  } catch {
    return { status: "stopped" };
  }
  const pid = Number(lines[0]);
  if (!alive(pid)) return { status: "crashed" };
  // Line 4 is the port; it is written a moment after the pid while the server starts.
  return { status: "running", pid, port: Number(lines[3]) || env.EMBEDDED_PG_PORT };
}

/**
 * The process exists and is not a zombie: a killed postmaster stays a zombie until its parent (init)
 * reaps it, about a second here, and signals still reach a zombie.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  try {
    // /proc/<pid>/stat: "pid (name) S ...", the state after the closing parenthesis (Linux only).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc (macOS): the signal test is all there is
  }
}

/**
 * Starts the server detached (it outlives this process) and waits until it accepts connections.
 * After a crash PostgreSQL first replays its log. It refuses to start while the dead postmaster is
 * still a zombie (its postmaster.pid looks alive) or its backends still hold its shared memory; both
 * pass within moments, so those refusals are retried.
 */
export async function startPostmaster(): Promise<void> {
  const { pg_ctl } = await pgBinaries();
  const options = `-p ${env.EMBEDDED_PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  for (let attempt = 1; ; attempt++) {
    try {
      await runPgBinary(pg_ctl, ["-D", pgDir(), "-l", serverLog(), "-w", "-t", "60", "-o", options, "start"]);
      return;
    } catch (err) {
      if (postmasterState().status === "running") return; // started by a process that does not take our lock
      const log = (await fs.readFile(serverLog(), "utf8").catch(() => "")).slice(-2000);
      if (/could not bind|Address already in use/.test(log)) {
        throw new Error(`Port ${env.EMBEDDED_PG_PORT} is taken by another program: set EMBEDDED_PG_PORT to a free port.`);
      }
      if (attempt >= 40 || !/pre-existing shared memory block|lock file "postmaster.pid" already exists/.test(log)) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function stopPostmaster(): Promise<void> {
  const { pg_ctl } = await pgBinaries();
  await runPgBinary(pg_ctl, ["-D", pgDir(), "-m", "fast", "-w", "stop"]);
}
