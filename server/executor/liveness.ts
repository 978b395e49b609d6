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

/** An instance that signed off is stopped; one whose heartbeat (aged by the database's clock) is too old is dead. */
export function instanceLiveness(instance: { stoppedAt: Date | null; heartbeatAgeSeconds: number; heartbeatIntervalMs: number }): InstanceLiveness {
  if (instance.stoppedAt) return "stopped";
  return instance.heartbeatAgeSeconds > deadAfterSeconds(instance.heartbeatIntervalMs) ? "dead" : "alive";
}
