import type pg from "pg";
import { count } from "./sql";

export interface Invariant {
  name: string;
  value: number;
  /** false: a figure shown for context, not a rule. */
  mustBeZero: boolean;
}

/**
 * The executor's promises, checked from the tables after a run (restricted to `taskIds`):
 * no task ran twice at the same time, no result is lost, none was written by a superseded attempt,
 * and the run history agrees with the tasks. Partial results of a run that was later reset (killed
 * mid-run) are legitimate: they were written while the run held its lease, so they are only counted.
 */
export async function checkInvariants(pool: pg.Pool, taskIds: number[]): Promise<Invariant[]> {
  const ids = [taskIds];
  const cameras = `(SELECT task_id, count(*) AS n FROM diagnosis_task_cameras WHERE task_id = ANY($1::int[]) GROUP BY task_id)`;
  const rule = async (name: string, sql: string): Promise<Invariant> => ({ name, value: await count(pool, sql, ids), mustBeZero: true });
  const info = async (name: string, sql: string): Promise<Invariant> => ({ name, value: await count(pool, sql, ids), mustBeZero: false });
  return [
    await rule(
      "runs of one task overlapping in time (task_runs [started_at, finished_at))",
      `SELECT count(*) AS n FROM task_runs a JOIN task_runs b ON a.task_id = b.task_id AND a.id < b.id
       WHERE a.task_id = ANY($1::int[])
         AND tstzrange(a.started_at, coalesce(a.finished_at, 'infinity'), '[)') && tstzrange(b.started_at, coalesce(b.finished_at, 'infinity'), '[)')`,
    ),
    await rule(
      "results per (task, attempt, camera) > 1",
      `SELECT count(*) AS n FROM (SELECT 1 FROM diagnosis_results WHERE task_id = ANY($1::int[]) GROUP BY task_id, attempt, camera_id HAVING count(*) > 1) d`,
    ),
    await rule(
      "results per (task, attempt) > the task's cameras",
      `SELECT count(*) AS n FROM (SELECT task_id, attempt, count(*) AS n FROM diagnosis_results WHERE task_id = ANY($1::int[]) GROUP BY 1, 2) r
       JOIN ${cameras} c USING (task_id) WHERE r.n > c.n`,
    ),
    await rule(
      "results written after their run was reset/released/finished (superseded writes)",
      `SELECT count(*) AS n FROM diagnosis_results d JOIN task_runs r ON r.id = d.run_id
       WHERE d.task_id = ANY($1::int[]) AND r.finished_at IS NOT NULL AND d.created_at > r.finished_at`,
    ),
    await rule(
      "results whose task/attempt differs from their run's",
      `SELECT count(*) AS n FROM diagnosis_results d JOIN task_runs r ON r.id = d.run_id
       WHERE d.task_id = ANY($1::int[]) AND (d.task_id <> r.task_id OR d.attempt <> r.attempt)`,
    ),
    await rule(
      "completed runs missing a camera's result (lost results)",
      `SELECT count(*) AS n FROM task_runs r JOIN ${cameras} c USING (task_id)
       WHERE r.outcome = 'completed' AND (SELECT count(*) FROM diagnosis_results d WHERE d.run_id = r.id) <> c.n`,
    ),
    await rule(
      "run rows still 'running' whose task is no longer running that attempt",
      `SELECT count(*) AS n FROM task_runs r JOIN diagnosis_tasks t ON t.id = r.task_id
       WHERE r.task_id = ANY($1::int[]) AND r.outcome = 'running' AND NOT (t.status = 'running' AND t.attempt = r.attempt)`,
    ),
    await rule(
      "tasks 'running' without a live owner (now)",
      `SELECT count(*) AS n FROM diagnosis_tasks t LEFT JOIN executor_instances i ON i.id = t.owner_instance_id
       WHERE t.id = ANY($1::int[]) AND t.status = 'running'
         AND (i.id IS NULL OR i.stopped_at IS NOT NULL OR i.heartbeat_at < now() - make_interval(secs => 3 * i.heartbeat_interval_ms / 1000.0))`,
    ),
    await info(
      "results of runs later reset or released (partial, written under the lease)",
      `SELECT count(*) AS n FROM diagnosis_results d JOIN task_runs r ON r.id = d.run_id
       WHERE d.task_id = ANY($1::int[]) AND r.outcome IN ('reset', 'released')`,
    ),
  ];
}

export const broken = (invariants: Invariant[]) => invariants.filter((i) => i.mustBeZero && i.value !== 0);

/** Prints a table of name, value and a note. */
export function printTable(title: string, rows: Array<[string, string | number, string?]>): void {
  const width = Math.max(...rows.map((r) => r[0].length));
  const vwidth = Math.max(...rows.map((r) => String(r[1]).length));
  process.stdout.write(`\n${title}\n${"-".repeat(width + vwidth + 20)}\n`);
  for (const [name, value, note] of rows) process.stdout.write(`${name.padEnd(width)}  ${String(value).padStart(vwidth)}  ${note ?? ""}\n`);
}

export const invariantRows = (invariants: Invariant[]): Array<[string, number, string]> =>
  invariants.map((i) => [i.name, i.value, i.mustBeZero ? (i.value === 0 ? "ok (must be 0)" : "BROKEN (must be 0)") : "(info)"]);

/** The last line of a benchmark or fault check: FAILED with what broke (exit code 1), else what it proved. */
export function reportVerdict(failures: string[], proved: string): void {
  if (failures.length) {
    console.error(`\nFAILED: ${failures.join("; ")}`);
    process.exitCode = 1;
  } else console.log(`\n${proved}`);
}
