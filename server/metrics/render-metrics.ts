import "server-only";
import { Counter, Gauge, Registry } from "prom-client";
import { activeAlertRules } from "@/server/alerts/active-rules";
import { DEAD_EXECUTOR_HORIZON_HOURS } from "@/server/alerts/alert-metrics";
import { getDb } from "@/server/db/client";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { currentFindings } from "@/server/results/current-findings";
import { FINDING_CODES } from "@/shared/finding-codes";
import { SEVERITIES } from "@/shared/finding-severity";
import { RECOVERY_MODES } from "@/server/recovery/audit/list-audits";
import { STUCK_REASON_CODES } from "@/server/recovery/stuck-reasons";
import { dbHistogram, type BucketCounts } from "./db-histogram";

/** Upper bounds of the run-duration histogram, in seconds: the same as task_runtime_le() in the database. */
export const RUNTIME_BUCKETS = [1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

/**
 * The Prometheus exposition, computed from the database at scrape time: every server answers with
 * the same cluster-wide numbers, whichever of them the scraper reaches. A fresh Registry per scrape
 * (not prom-client's global one), so series of instances or rules that are gone disappear.
 *
 * Cost per scrape: the stuck-task check (running tasks only), a GROUP BY over recovery_audits (one
 * row per recovery) and the few rows of task_runtime_buckets, which a trigger on task_runs keeps up
 * to date (scanning the run history instead took over a second per million runs).
 */
export async function renderMetrics(): Promise<{ text: string; contentType: string }> {
  const db = await getDb();
  const [check, runtimes, recoveries, instances, states, findings] = await Promise.all([
    checkStuckTasks(),
    db.$queryRaw<Array<{ outcome: string; le: number; count: number; sum: number }>>`
      SELECT outcome, le, count::float8 AS count, sum_seconds AS sum FROM task_runtime_buckets ORDER BY outcome, le`,
    db.recoveryAudit.groupBy({ by: ["mode"], _count: { _all: true } }),
    db.$queryRaw<Array<{ id: string; host: string; kind: string; age_s: number }>>`
      SELECT id::text, host, kind, greatest(extract(epoch FROM now() - heartbeat_at), 0)::float8 AS age_s FROM executor_instances
      WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(hours => ${DEAD_EXECUTOR_HORIZON_HOURS}) ORDER BY id`,
    db.alertState.findMany({ select: { ruleName: true, firing: true } }),
    currentFindings(),
  ]);

  const registry = new Registry();
  const stuck = new Gauge({
    name: "easysight_stuck_tasks",
    help: "Running tasks judged stuck now, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  for (const reason of STUCK_REASON_CODES) stuck.set({ reason }, check.stuck.filter((t) => t.stuck_reason_code === reason).length);

  new Gauge({ name: "easysight_running_tasks", help: "Tasks in status running (stuck ones included)", registers: [registry] }).set(
    check.running.length,
  );

  registry.registerMetric(
    dbHistogram({
      name: "easysight_task_runtime_seconds",
      help: "Duration of finished task runs (from task_runs), by outcome: completed, failed, released, reset",
      buckets: RUNTIME_BUCKETS,
      series: cumulate(runtimes),
    }),
  );

  const recovered = new Counter({
    name: "easysight_recoveries_total",
    help: "Task recoveries recorded in the audit, by mode",
    labelNames: ["mode"],
    registers: [registry],
  });
  const byMode = new Map(recoveries.map((r) => [r.mode, r._count._all]));
  for (const mode of new Set([...RECOVERY_MODES, ...byMode.keys()])) recovered.inc({ mode }, byMode.get(mode) ?? 0);

  const age = new Gauge({
    name: "easysight_executor_heartbeat_age_seconds",
    help: `Seconds since each executor instance's last heartbeat (instances not shut down, seen within ${DEAD_EXECUTOR_HORIZON_HOURS} h)`,
    labelNames: ["instance", "host", "kind"],
    registers: [registry],
  });
  for (const i of instances) age.set({ instance: i.id, host: i.host, kind: i.kind }, Math.round(i.age_s * 10) / 10);

  const firing = new Gauge({
    name: "easysight_alerts_firing",
    help: "1 while an alert rule is firing, else 0 (rules of ALERTS_FILE)",
    labelNames: ["rule"],
    registers: [registry],
  });
  const firingNow = new Set(states.filter((s) => s.firing).map((s) => s.ruleName));
  for (const rule of activeAlertRules()) firing.set({ rule: rule.name }, firingNow.has(rule.name) ? 1 : 0);

  const shown = new Gauge({
    name: "easysight_camera_findings",
    help: "Findings on the newest result of each active camera, by finding code, severity (warning, critical) and state (open, acknowledged)",
    labelNames: ["code", "severity", "state"],
    registers: [registry],
  });
  // Every known code, severity and state is exported (as 0 when absent), so a series never vanishes when a problem is fixed.
  for (const code of new Set<string>([...FINDING_CODES, ...findings.map((f) => f.code)]))
    for (const severity of SEVERITIES)
      for (const state of ["open", "acknowledged"] as const)
        shown.set(
          { code, severity, state },
          findings.filter((f) => f.code === code && f.severity === severity && f.acknowledged === (state === "acknowledged")).length,
        );

  return { text: await registry.metrics(), contentType: registry.contentType };
}

/** Per-bucket rows (le ascending, Infinity last) to cumulative counts per outcome. */
function cumulate(rows: Array<{ outcome: string; le: number; count: number; sum: number }>): BucketCounts[] {
  return [...new Set(rows.map((r) => r.outcome))].map((outcome) => {
    const buckets = rows.filter((r) => r.outcome === outcome);
    const count = (upTo: number) => buckets.filter((b) => b.le <= upTo).reduce((n, b) => n + b.count, 0);
    return {
      labels: { outcome },
      cumulative: RUNTIME_BUCKETS.map(count),
      count: count(Infinity),
      sum: buckets.reduce((n, b) => n + b.sum, 0),
    };
  });
}
