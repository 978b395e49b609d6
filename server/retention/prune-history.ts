import "server-only";
import { getDb } from "@/server/db/client";

export interface PruneResult {
  /** Everything older than this (the database's clock) was pruned, or would be with dryRun. */
  cutoff: Date;
  runs: number;
  results: number;
  metricSamples: number;
  alertEvents: number;
}

/** Rows per DELETE: short statements, so running diagnosis never waits long for a lock. */
const BATCH = 5_000;

/**
 * Deletes history older than `olderThanDays`: finished task runs with their results (thumbnails
 * included), the watchdog's metric samples and fired-alert events. Kept whatever their age: runs still
 * going, each task's latest run (its last known state), and the recovery audit, which the product
 * never deletes. With `dryRun` it only counts. Nothing prunes unless asked: `easysight db prune`, or
 * RETENTION_DAYS (retention-job.ts).
 */
export async function pruneHistory(options: { olderThanDays: number; dryRun?: boolean }): Promise<PruneResult> {
  const db = await getDb();
  const [{ cutoff }] = await db.$queryRaw<[{ cutoff: Date }]>`SELECT now() - make_interval(days => ${options.olderThanDays}) AS cutoff`;
  // A run is history once it finished before the cutoff and its task has run again since.
  const doomedRuns = `FROM task_runs r WHERE r.finished_at < $1
    AND EXISTS (SELECT 1 FROM task_runs later WHERE later.task_id = r.task_id AND later.attempt > r.attempt)`;
  if (options.dryRun) {
    const [row] = await db.$queryRawUnsafe<[{ runs: bigint; results: bigint; samples: bigint; events: bigint }]>(
      `SELECT (SELECT count(*) ${doomedRuns}) AS runs,
              (SELECT count(*) FROM diagnosis_results WHERE run_id IN (SELECT r.id ${doomedRuns})) AS results,
              (SELECT count(*) FROM metric_samples WHERE sampled_at < $1) AS samples,
              (SELECT count(*) FROM alert_events WHERE fired_at < $1) AS events`,
      cutoff,
    );
    return {
      cutoff,
      runs: Number(row.runs),
      results: Number(row.results),
      metricSamples: Number(row.samples),
      alertEvents: Number(row.events),
    };
  }
  const result: PruneResult = { cutoff, runs: 0, results: 0, metricSamples: 0, alertEvents: 0 };
  for (;;) {
    // Results first, then their runs, in one transaction per batch of runs.
    const gone = await db.$transaction(async (tx) => {
      const ids = (await tx.$queryRawUnsafe<Array<{ id: bigint }>>(`SELECT r.id ${doomedRuns} LIMIT ${BATCH}`, cutoff)).map((r) => r.id);
      if (!ids.length) return { runs: 0, results: 0 };
      const results = await tx.$executeRaw`DELETE FROM diagnosis_results WHERE run_id = ANY(${ids}::bigint[])`;
      const runs = await tx.$executeRaw`DELETE FROM task_runs WHERE id = ANY(${ids}::bigint[])`;
      return { runs, results };
    });
    result.runs += gone.runs;
    result.results += gone.results;
    if (gone.runs < BATCH) break;
  }
  result.metricSamples = await deleteInBatches("metric_samples", "sampled_at", cutoff);
  result.alertEvents = await deleteInBatches("alert_events", "fired_at", cutoff);
  return result;
}

async function deleteInBatches(table: "metric_samples" | "alert_events", column: "sampled_at" | "fired_at", cutoff: Date): Promise<number> {
  const db = await getDb();
  let total = 0;
  for (;;) {
    const n = await db.$executeRawUnsafe(
      `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${column} < $1 LIMIT ${BATCH})`,
      cutoff,
    );
    total += n;
    if (n < BATCH) return total;
  }
}
