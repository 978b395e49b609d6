import "server-only";
import { getDb } from "@/server/db/client";

export interface ClaimedRun {
  taskId: number;
  attempt: number;
  runId: bigint;
  name: string;
  maxRuntimeMinutes: number;
  /** started_at as the database's clock wrote it. */
  startedAt: Date;
}

/**
 * Claims up to `limit` due tasks for this instance in one statement. FOR UPDATE SKIP LOCKED makes
 * concurrent claimers (other servers, workers) skip rows another one is taking, so a task is
 * claimed once; the status check means a task that is already running is never claimed again.
 * The claim bumps the attempt (the fencing token every later write of the run checks) and opens the
 * run's history row in the same statement.
 */
export async function claimDueTasks(instanceId: string, limit: number): Promise<ClaimedRun[]> {
  if (limit <= 0) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<
    Array<{ task_id: number; attempt: number; run_id: bigint; name: string; max_runtime_minutes: number; started_at: Date }>
  >`
    WITH due AS (
      SELECT id FROM diagnosis_tasks
      WHERE is_active AND status <> 'running' AND next_run_time <= now()
      ORDER BY next_run_time, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE diagnosis_tasks t
      SET status = 'running', attempt = t.attempt + 1, owner_instance_id = ${instanceId}::uuid,
          started_at = now(), heartbeat_at = now(), last_run_time = now(), status_reason = NULL, status_note = NULL, updated_at = now(),
          progress_index = NULL, progress_total = NULL, progress_camera_id = NULL, progress_camera_name = NULL,
          progress_phase = NULL, progress_phase_at = NULL,
          -- A manual task was due only because someone asked for this run: once claimed it has no
          -- next run, or the console would show that request as a past 下次运行 while it runs and after.
          next_run_time = CASE WHEN t.schedule_type = 'manual' THEN NULL ELSE t.next_run_time END
      FROM due WHERE t.id = due.id
      RETURNING t.id, t.attempt, t.name, t.max_runtime_minutes, t.started_at
    ), runs AS (
      INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome)
      SELECT id, attempt, ${instanceId}::uuid, started_at, 'running' FROM claimed
      RETURNING id, task_id
    )
    SELECT c.id AS task_id, c.attempt, r.id AS run_id, c.name, c.max_runtime_minutes, c.started_at
    FROM claimed c JOIN runs r ON r.task_id = c.id`;
  return rows.map((r) => ({
    taskId: r.task_id,
    attempt: r.attempt,
    runId: r.run_id,
    name: r.name,
    maxRuntimeMinutes: r.max_runtime_minutes,
    startedAt: r.started_at,
  }));
}
