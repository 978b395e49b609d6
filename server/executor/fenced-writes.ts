import "server-only";
import { getDb } from "@/server/db/client";
import type { RunProgress } from "@/shared/run-progress";
import { runNoteSentence, type RunNote } from "@/shared/run-note";

/**
 * Every write a run makes is conditional on the run still holding its lease: the task is `running`,
 * with the attempt this run claimed, owned by this instance. A recovery (or a takeover) changes the
 * status and the next claim bumps the attempt, so a superseded run's late writes match no row and
 * change nothing. These functions report whether the write happened.
 */
export interface RunLease {
  taskId: number;
  attempt: number;
  instanceId: string;
  runId: bigint;
}

/**
 * Heartbeats many runs in one statement, with each run's progress (camera i of N, phase, since when).
 * Returns, for each run whose lease still holds, how long it has been running by the database's clock
 * (the max-runtime limit is judged on that, not on a local timer, so it is the same clock every
 * process uses to call a task stuck).
 */
export async function beatRuns(
  instanceId: string,
  runs: Array<{ taskId: number; attempt: number; progress: RunProgress | null }>,
): Promise<Map<number, number>> {
  if (runs.length === 0) return new Map();
  const db = await getDb();
  const p = runs.map((r) => r.progress);
  // A run that has not reached its first camera yet (progress null) keeps the columns as they are.
  const rows = await db.$queryRaw<Array<{ id: number; runtime_s: number }>>`
    UPDATE diagnosis_tasks t SET heartbeat_at = now(),
      progress_index = coalesce(r.idx, t.progress_index), progress_total = coalesce(r.total, t.progress_total),
      progress_camera_id = coalesce(r.camera_id, t.progress_camera_id), progress_camera_name = coalesce(r.camera_name, t.progress_camera_name),
      progress_phase = coalesce(r.phase, t.progress_phase), progress_phase_at = coalesce(r.phase_at, t.progress_phase_at)
    FROM unnest(${runs.map((r) => r.taskId)}::int[], ${runs.map((r) => r.attempt)}::int[],
                ${p.map((x) => x?.index ?? null)}::int[], ${p.map((x) => x?.total ?? null)}::int[],
                ${p.map((x) => x?.cameraId ?? null)}::int[], ${p.map((x) => x?.cameraName ?? null)}::text[],
                ${p.map((x) => x?.phase ?? null)}::text[], ${p.map((x) => x?.phaseAt ?? null)}::timestamptz[])
      AS r(id, attempt, idx, total, camera_id, camera_name, phase, phase_at)
    WHERE t.id = r.id AND t.attempt = r.attempt AND t.status = 'running' AND t.owner_instance_id = ${instanceId}::uuid
    RETURNING t.id, extract(epoch FROM now() - t.started_at)::float8 AS runtime_s`;
  return new Map(rows.map((r) => [r.id, r.runtime_s]));
}

/**
 * Records that a run moved to its next camera, at once rather than at the next heartbeat: a process
 * that dies (or a camera that hangs) seconds later then leaves behind which camera it was on.
 */
export async function recordProgress(lease: RunLease, p: RunProgress): Promise<boolean> {
  const db = await getDb();
  const n = await db.$executeRaw`
    UPDATE diagnosis_tasks SET progress_index = ${p.index}, progress_total = ${p.total}, progress_camera_id = ${p.cameraId},
      progress_camera_name = ${p.cameraName}, progress_phase = ${p.phase}, progress_phase_at = ${p.phaseAt}
    WHERE id = ${lease.taskId} AND status = 'running' AND attempt = ${lease.attempt} AND owner_instance_id = ${lease.instanceId}::uuid`;
  return n === 1;
}

export interface ResultRow {
  cameraId: number;
  verdict: "ok" | "abnormal" | "error";
  findings: string[];
  checks: unknown;
  error: string | null;
  /** A failed grab's code and numbers (shared/grab-error-codes.ts); `error` holds its English sentence. */
  errorCode?: string | null;
  errorParams?: Record<string, string | number> | null;
  thumbnail: Buffer | null;
  frameWidth: number | null;
  frameHeight: number | null;
  fingerprint: Buffer | null;
}

/** How many fingerprints per camera are kept for the freeze and scene-change checks. */
export const FINGERPRINT_HISTORY = 8;

/**
 * Stores one camera's result (and its frame fingerprint) if the lease holds. FOR SHARE locks the
 * task row until commit: a concurrent reset waits for this insert, or this insert re-checks the
 * row after the reset and finds nothing — never a result landing after its run was reset.
 */
export async function storeResult(lease: RunLease, row: ResultRow): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const inserted = await tx.$queryRaw<Array<{ id: bigint }>>`
      INSERT INTO diagnosis_results (task_id, run_id, camera_id, attempt, created_at, verdict, findings, checks, error, error_code, error_params, thumbnail, frame_width, frame_height)
      SELECT t.id, ${lease.runId}, ${row.cameraId}, t.attempt, now(), ${row.verdict}, ${row.findings}::text[], ${JSON.stringify(row.checks)}::jsonb,
             ${row.error}, ${row.errorCode ?? null}, ${row.errorParams ? JSON.stringify(row.errorParams) : null}::jsonb,
             ${row.thumbnail}, ${row.frameWidth}, ${row.frameHeight}
      FROM diagnosis_tasks t
      WHERE t.id = ${lease.taskId} AND t.status = 'running' AND t.attempt = ${lease.attempt} AND t.owner_instance_id = ${lease.instanceId}::uuid
      FOR SHARE OF t
      RETURNING id`;
    if (inserted.length === 0) return false;
    if (row.fingerprint) {
      await tx.$executeRaw`INSERT INTO camera_fingerprints (camera_id, captured_at, fingerprint) VALUES (${row.cameraId}, now(), ${row.fingerprint})`;
      await tx.$executeRaw`
        DELETE FROM camera_fingerprints WHERE camera_id = ${row.cameraId} AND id NOT IN (
          SELECT id FROM camera_fingerprints WHERE camera_id = ${row.cameraId} ORDER BY captured_at DESC, id DESC LIMIT ${FINGERPRINT_HISTORY})`;
    }
    return true;
  });
}

export type RunEnd =
  | { outcome: "completed"; nextRunTime: Date | null; note: RunNote | null }
  | { outcome: "partial" | "failed"; nextRunTime: Date | null; note: RunNote };

/**
 * Completes or fails the task and closes the run's history row, if the lease holds. A `partial` run
 * (some cameras failed) leaves the task `completed` (the spec's statuses are unchanged) with the
 * outcome in last_run_outcome; only a fully successful run counts in success_runs.
 */
export async function finishRun(lease: RunLease, end: RunEnd): Promise<boolean> {
  const db = await getDb();
  // The coded note for the console (the reader's language) and its bilingual sentence for the API and text readers.
  const text = end.note && runNoteSentence(end.note);
  const note = end.note && JSON.stringify(end.note);
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH t AS (
      UPDATE diagnosis_tasks
      SET status = ${end.outcome === "failed" ? "failed" : "completed"}::task_status, total_runs = total_runs + 1,
          last_run_outcome = ${end.outcome},
          success_runs = success_runs + ${end.outcome === "completed" ? 1 : 0},
          -- Safety net: a scheduled task whose next time could not be computed (the run failed on a
          -- database error) is retried in a minute rather than left unscheduled for good.
          next_run_time = coalesce(${end.nextRunTime}, CASE WHEN is_active AND schedule_type <> 'manual' THEN now() + interval '1 minute' END),
          status_reason = ${text}, status_note = ${note}::jsonb, heartbeat_at = now(), updated_at = now()
      WHERE id = ${lease.taskId} AND status = 'running' AND attempt = ${lease.attempt} AND owner_instance_id = ${lease.instanceId}::uuid
      RETURNING id
    )
    UPDATE task_runs SET finished_at = now(), outcome = ${end.outcome}, error = ${text}, note = ${note}::jsonb
    WHERE id = ${lease.runId} AND EXISTS (SELECT 1 FROM t)
    RETURNING id`;
  return rows.length === 1;
}

/** Puts a run's task back to pending (shutdown), recording why, if the lease holds. */
export async function releaseRun(lease: RunLease, note: RunNote): Promise<boolean> {
  const db = await getDb();
  const reason = runNoteSentence(note);
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    WITH t AS (
      UPDATE diagnosis_tasks SET status = 'pending', status_reason = ${reason}, status_note = ${JSON.stringify(note)}::jsonb,
             last_run_outcome = 'released', updated_at = now()
      WHERE id = ${lease.taskId} AND status = 'running' AND attempt = ${lease.attempt} AND owner_instance_id = ${lease.instanceId}::uuid
      RETURNING id
    )
    UPDATE task_runs SET finished_at = now(), outcome = 'released', error = ${reason}, note = ${JSON.stringify(note)}::jsonb
    WHERE id = ${lease.runId} AND EXISTS (SELECT 1 FROM t)
    RETURNING id`;
  return rows.length === 1;
}
