import "server-only";
import { getDb } from "@/server/db/client";
import { databaseNow } from "@/server/db/database-now";
import { Prisma } from "@/server/db/generated/client";
import { RECOVERY_MODES } from "@/server/recovery/audit/list-audits";
import { bucketsFor, type DashboardRange } from "./time-range";

type RecoveryMode = (typeof RECOVERY_MODES)[number];

/** One chart bucket. null means no data in the bucket (drawn as a gap), unlike a measured 0. */
export interface MetricPoint {
  at: Date;
  /** Highest stuck-task count any watchdog sampled in the bucket. */
  stuckTasks: number | null;
  /** Mean length in seconds of the runs that ended in the bucket (completed, partial or failed by their executor). */
  avgRuntimeSeconds: number | null;
  /** Recoveries in the bucket, per mode. */
  recoveries: Record<RecoveryMode, number>;
}

export interface MetricSeries {
  range: DashboardRange;
  stepSeconds: number;
  points: MetricPoint[];
}

/**
 * The spec's three recovery metrics over time: stuck tasks (metric_samples, written by every watchdog
 * cycle), average runtime (task_runs) and recovery frequency (recovery_audits). Each is one grouped
 * query over a range index (sampled_at, finished_at, recovered_at).
 */
export async function metricSeries(range: DashboardRange): Promise<MetricSeries> {
  const db = await getDb();
  const now = await databaseNow(db);
  const { from, stepSeconds, starts } = bucketsFor(range, now);
  // Aligned to the Unix epoch, like bucketsFor, so the rows' buckets are the points' keys.
  const bucket = (column: Prisma.Sql) =>
    Prisma.sql`date_bin(make_interval(secs => ${stepSeconds}), ${column}, timestamptz '1970-01-01 00:00:00+00')`;
  const [stuck, runtime, recoveries] = await Promise.all([
    db.$queryRaw<Array<{ at: Date; value: number }>>`
      SELECT ${bucket(Prisma.sql`sampled_at`)} AS at, max(stuck_tasks)::int AS value
      FROM metric_samples WHERE sampled_at >= ${from} GROUP BY 1`,
    db.$queryRaw<Array<{ at: Date; value: number }>>`
      SELECT ${bucket(Prisma.sql`finished_at`)} AS at, avg(extract(epoch FROM finished_at - started_at))::float8 AS value
      FROM task_runs WHERE finished_at >= ${from} AND outcome IN ('completed', 'partial', 'failed') GROUP BY 1`,
    db.$queryRaw<Array<{ at: Date; mode: string; value: number }>>`
      SELECT ${bucket(Prisma.sql`recovered_at`)} AS at, mode, count(*)::int AS value
      FROM recovery_audits WHERE recovered_at >= ${from} GROUP BY 1, 2`,
  ]);
  const key = (d: Date) => d.getTime();
  const stuckAt = new Map(stuck.map((r) => [key(r.at), r.value]));
  const runtimeAt = new Map(runtime.map((r) => [key(r.at), Math.round(r.value * 10) / 10]));
  const points = starts.map((at) => ({
    at,
    stuckTasks: stuckAt.get(key(at)) ?? null,
    avgRuntimeSeconds: runtimeAt.get(key(at)) ?? null,
    recoveries: Object.fromEntries(RECOVERY_MODES.map((m) => [m, 0])) as Record<RecoveryMode, number>,
  }));
  const pointAt = new Map(points.map((p) => [key(p.at), p]));
  for (const r of recoveries) {
    const point = pointAt.get(key(r.at));
    if (point && r.mode in point.recoveries) point.recoveries[r.mode as RecoveryMode] += r.value;
  }
  return { range, stepSeconds, points };
}
