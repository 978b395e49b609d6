import "server-only";
import { env } from "@/server/config/env";

export type InstanceLiveness = "alive" | "dead" | "stopped";

/**
 * How old an executor's heartbeat may be before it counts as dead: STUCK_HEARTBEAT_MISSES of its own
 * heartbeat intervals. Stuck detection and the executors page both decide with this one rule, so a
 * task is never called stuck while its owner is shown alive, or the other way round.
 */
export function deadAfterSeconds(heartbeatIntervalMs: number | null): number {
  return ((heartbeatIntervalMs ?? env.EXECUTOR_HEARTBEAT_MS) * env.STUCK_HEARTBEAT_MISSES) / 1000;
}

/**
 * SQL for the seconds since a heartbeat that count against an executor, by the database's clock.
 * Beats missed while PostgreSQL itself was down do not count: for an executor registered before the
 * database (re)started, a heartbeat from before the restart is aged from the restart, so after an
 * outage of any length every live executor gets its full allowance to beat again (one that died
 * before the restart is found that much later). `beat` and `registered` are column expressions.
 */
export const countedBeatAgeSql = (beat: string, registered: string) =>
  `date_part('epoch', now() - CASE WHEN ${beat} < pg_postmaster_start_time() AND ${registered} < pg_postmaster_start_time()
     THEN pg_postmaster_start_time() ELSE ${beat} END)`;

/**
 * An instance that signed off is stopped; one whose counted heartbeat age (countedBeatAgeSql) is too old
 * is dead, and so is one whose process is known gone on this machine (processGoneHere) whatever its age.
 */
export function instanceLiveness(instance: {
  stoppedAt: Date | null;
  countedAgeSeconds: number;
  heartbeatIntervalMs: number;
  processGone?: boolean;
}): InstanceLiveness {
  if (instance.stoppedAt) return "stopped";
  if (instance.processGone) return "dead";
  return instance.countedAgeSeconds > deadAfterSeconds(instance.heartbeatIntervalMs) ? "dead" : "alive";
}
