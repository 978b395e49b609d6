import "server-only";
import { getDb } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { countedBeatAgeSql, deadAfterSeconds } from "@/server/executor/liveness";
import type { WatchdogCycle } from "@/server/recovery/watchdog";
import { countOpenBySeverity, currentFindings } from "@/server/results/current-findings";

/**
 * The values alert conditions and messages may name. The first four come from the watchdog cycle
 * that evaluates the rules: what this process's cycle found and did. The others are read from the
 * database and are the same from every process. `critical_findings_count` / `warning_findings_count`
 * count the open (not acknowledged) findings of that severity on the active cameras' newest results
 * (a rule on severity: `condition: critical_findings_count > 0`).
 */
export const ALERT_METRICS = [
  "stuck_tasks_count",
  "running_tasks_count",
  "recovered_tasks_count",
  "failed_by_cap_count",
  "recoveries_last_hour",
  "dead_executors_count",
  "avg_runtime_minutes",
  "critical_findings_count",
  "warning_findings_count",
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];
export type AlertMetrics = Record<AlertMetric, number>;

/** Instances that stopped beating longer ago than this are forgotten (a crashed process never signs off). */
export const DEAD_EXECUTOR_HORIZON_HOURS = 24;

export async function collectAlertMetrics(cycle: WatchdogCycle): Promise<AlertMetrics> {
  const db = await getDb();
  const [[recoveries], instances, findings] = await Promise.all([
    db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM recovery_audits WHERE recovered_at > now() - interval '1 hour'`,
    db.$queryRaw<Array<{ age_s: number; heartbeat_interval_ms: number }>>`
      SELECT ${Prisma.raw(countedBeatAgeSql("heartbeat_at", "started_at"))} AS age_s, heartbeat_interval_ms FROM executor_instances
      WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(hours => ${DEAD_EXECUTOR_HORIZON_HOURS})`,
    currentFindings(),
  ]);
  return {
    stuck_tasks_count: cycle.stuck,
    running_tasks_count: cycle.running,
    recovered_tasks_count: cycle.reset,
    failed_by_cap_count: cycle.failed,
    recoveries_last_hour: recoveries.n,
    dead_executors_count: instances.filter((i) => i.age_s > deadAfterSeconds(i.heartbeat_interval_ms)).length,
    avg_runtime_minutes: cycle.avgRuntimeMinutes,
    critical_findings_count: countOpenBySeverity(findings, "critical"),
    warning_findings_count: countOpenBySeverity(findings, "warning"),
  };
}
