import "server-only";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { JitteredLoop } from "@/server/process/jittered-loop";
import { recoverStuckTasks } from "./recover-stuck-tasks";
import { watchdogActor } from "./recovery-actor";

export interface WatchdogCycle {
  running: number;
  stuck: number;
  reset: number;
  failed: number;
  /** Mean runtime of the running tasks, 0 when none runs. */
  avgRuntimeMinutes: number;
}

export interface WatchdogOptions {
  intervalMs: number;
  /** false: find and report stuck tasks but reset none (AUTO_RECOVERY_ENABLED=0; alert rules may still recover). */
  autoRecover: boolean;
  /** The executor instance of this process, for the audit's "who" (undefined if it runs none). */
  instanceId: () => string | undefined;
  /** Called after every cycle (alert rules are evaluated here). */
  onCycle?: (cycle: WatchdogCycle) => Promise<void>;
}

/**
 * Recovers stuck tasks automatically (with autoRecover off it only finds and reports them, and the
 * alert rules decide), samples the metrics and hands the cycle to the alerts. Every server and
 * worker runs one; they need no coordination because recovery is a conditional write (a task is
 * reset once however many watchdogs see it). Cycles are jittered (JitteredLoop).
 */
export class Watchdog {
  private readonly loop: JitteredLoop;

  constructor(private readonly options: WatchdogOptions) {
    this.loop = new JitteredLoop({
      component: "watchdog",
      intervalMs: options.intervalMs,
      failure: "watchdog cycle failed",
      round: async () => {
        const cycle = await this.cycle();
        if (cycle.reset)
          logger.info(
            { component: "watchdog", watchdog: watchdogActor().label, ...cycle },
            `watchdog ${watchdogActor().label} recovered stuck tasks`,
          );
      },
    });
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
  }

  /** One cycle: recover what is stuck (unless told not to), sample the metrics, notify. */
  async cycle(): Promise<WatchdogCycle> {
    const id = this.options.instanceId();
    const result = await recoverStuckTasks({ mode: "auto", actor: watchdogActor(), dryRun: !this.options.autoRecover });
    const runtimes = result.checked.map((t) => t.runtime_minutes);
    const cycle: WatchdogCycle = {
      running: result.checked.length,
      stuck: result.targeted.length,
      reset: result.reset.length,
      failed: result.reset.filter((r) => r.newStatus === "failed").length,
      avgRuntimeMinutes: runtimes.length ? Math.round((runtimes.reduce((a, b) => a + b, 0) / runtimes.length) * 10) / 10 : 0,
    };
    const db = await getDb();
    // Stamped with the database's clock, like every lease: samples from many processes line up.
    await db.$executeRaw`
      INSERT INTO metric_samples (sampled_at, instance_id, running_tasks, stuck_tasks)
      VALUES (now(), ${id ?? null}::uuid, ${cycle.running}, ${cycle.stuck})`;
    await this.options.onCycle?.(cycle);
    return cycle;
  }
}
