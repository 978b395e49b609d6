import "server-only";
import { readFileSync, readlinkSync } from "node:fs";

/**
 * Who a process is, in terms another process on the same machine can check without waiting: the
 * machine (kernel boot id + pid namespace) and the process's start time. Heartbeats prove life from
 * anywhere but need three missed intervals to prove death; on the same machine /proc proves death at
 * once: the pid is gone, or it now belongs to a process that started later (pid reuse).
 *
 * Linux only; elsewhere (no /proc) every function answers null and executors keep the heartbeat rule.
 */

let cachedMachineId: string | null | undefined;

/**
 * This machine as seen by this process: the boot id changes at every boot, so a row from before a
 * reboot never matches; the pid namespace separates containers that share one kernel (their pids are
 * not each other's, so one must not judge the other's pid).
 */
export function thisMachineId(): string | null {
  if (cachedMachineId === undefined) {
    try {
      const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
      const pidNamespace = readlinkSync("/proc/self/ns/pid"); // "pid:[4026531836]"
      cachedMachineId = boot && pidNamespace ? `${boot}/${pidNamespace}` : null;
    } catch {
      cachedMachineId = null;
    }
  }
  return cachedMachineId;
}

/**
 * The start time of `pid` in clock ticks since boot (field 22 of /proc/<pid>/stat), or null when no
 * such process exists (or /proc cannot be read). The command name (field 2) may hold spaces and
 * parentheses, so the fields are counted after its last ')'.
 */
export function processStartTicks(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  const afterName = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // afterName[0] is field 3 (state), so field 22 is afterName[19].
  const start = afterName[19];
  // A zombie (state Z) has exited: it is only waiting for its parent to read its status.
  if (!start || afterName[0] === "Z") return null;
  return start;
}

/** This process's identity, written into its executor row when it registers. */
export function thisProcessIdentity(): { machineId: string | null; processStart: string | null } {
  return { machineId: thisMachineId(), processStart: processStartTicks(process.pid) };
}

/**
 * True when the executor row names a process on this machine that no longer exists: its pid is gone,
 * or the pid now belongs to a process started at another time. False when it cannot be known here
 * (another machine, another container, an old row without identity): the heartbeat rule decides then.
 */
export function processGoneHere(row: { machineId: string | null; pid: number; processStart: string | null }): boolean {
  const here = thisMachineId();
  if (!here || !row.machineId || !row.processStart || row.machineId !== here) return false;
  return processStartTicks(row.pid) !== row.processStart;
}
