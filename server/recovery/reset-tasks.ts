import "server-only";
import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { runNoteSentence, type RunNote } from "@/shared/run-note";
import { isRecoveryReasonCode } from "@/shared/stuck-reason-codes";
import type { RecoveryActor, RecoveryMode } from "./recovery-actor";
import type { StoppedAt } from "./running-task";

export interface ResetTarget {
  id: number;
  /** The attempt that was judged stuck: only that attempt is reset. */
  attempt: number;
  reasonCode: string;
  reasonText: string;
  /** The limit a runtime_exceeded verdict applied; null for other reasons. */
  runtimeLimit: number | null;
  /** Where the run stopped, as the stuck check saw it (null before its first camera). */
  stopped: StoppedAt | null;
}

export interface ResetOutcome {
  id: number;
  newStatus: "pending" | "failed";
}

/**
 * Resets the targets in one statement (set-based: 10k tasks cost one round trip), each only if it
 * is still `running` with the attempt that was judged. The prior state is read under FOR UPDATE:
 * a concurrent recovery waits, then re-checks the row, finds it no longer running and skips it,
 * so every task is reset once with one audit row; a task that completed meanwhile is skipped too.
 * The same statement closes the run's history row and writes the audit row (the prior status,
 * owner, attempt, start and heartbeat: the "backup before recovery", taken every time).
 *
 * Recovery never starts a manual task: it is left pending with no next run. A scheduled task keeps
 * its next_run_time (a missed slot runs once). Automatic recoveries are capped: a task recovered
 * automatically AUTO_RECOVERY_MAX times within the window is marked failed (and unscheduled) instead
 * of being put back to pending again.
 */
export async function resetTasks(targets: ResetTarget[], mode: RecoveryMode, actor: RecoveryActor): Promise<ResetOutcome[]> {
  if (targets.length === 0) return [];
  const db = await getDb();
  const capped = mode === "auto";
  // The task's new status reason, coded for the console and as the API's bilingual sentence, for
  // either outcome: the statement decides which applies, row by row.
  const notes = targets.map((t) => resetNotes(t));
  const rows = await db.$queryRaw<Array<{ task_id: number; new_status: "pending" | "failed" }>>`
    WITH x AS (
      SELECT * FROM unnest(${targets.map((t) => t.id)}::int[], ${targets.map((t) => t.attempt)}::int[],
                           ${targets.map((t) => t.reasonCode)}::text[], ${targets.map((t) => t.reasonText)}::text[],
                           ${targets.map((t) => t.runtimeLimit)}::int[], ${targets.map((t) => t.stopped?.phase ?? null)}::text[],
                           ${targets.map((t) => t.stopped?.cameraName ?? null)}::text[], ${targets.map((t) => t.stopped?.index ?? null)}::int[],
                           ${targets.map((t) => t.stopped?.total ?? null)}::int[], ${targets.map((t) => t.stopped?.waitedMinutes ?? null)}::int[],
                           ${notes.map((n) => runNoteSentence(n.recovered))}::text[], ${notes.map((n) => JSON.stringify(n.recovered))}::text[],
                           ${notes.map((n) => runNoteSentence(n.capped))}::text[], ${notes.map((n) => JSON.stringify(n.capped))}::text[])
        AS x(id, attempt, code, text, runtime_limit, stopped_phase, stopped_camera, stopped_index, stopped_total, stopped_waited,
             recovered_text, recovered_note, capped_text, capped_note)
    ), prior AS (
      SELECT t.id, t.name, t.status, t.owner_instance_id, t.attempt, t.started_at, t.heartbeat_at, t.last_run_time,
             x.code, x.text, x.runtime_limit, x.stopped_phase, x.stopped_camera, x.stopped_index, x.stopped_total, x.stopped_waited,
             x.recovered_text, x.recovered_note, x.capped_text, x.capped_note,
             CASE WHEN ${capped} AND (
               SELECT count(*) FROM recovery_audits a
               WHERE a.task_id = t.id AND a.mode = 'auto' AND a.recovered_at > now() - make_interval(mins => ${env.AUTO_RECOVERY_WINDOW_MINUTES})
             ) >= ${env.AUTO_RECOVERY_MAX} THEN 'failed' ELSE 'pending' END AS new_status
      FROM diagnosis_tasks t JOIN x ON x.id = t.id
      WHERE t.status = 'running' AND t.attempt = x.attempt
      FOR UPDATE OF t
    ), reset AS (
      UPDATE diagnosis_tasks t
      SET status = p.new_status::task_status,
          status_reason = CASE WHEN p.new_status = 'failed' THEN p.capped_text ELSE p.recovered_text END,
          status_note = CASE WHEN p.new_status = 'failed' THEN p.capped_note ELSE p.recovered_note END::jsonb,
          -- A manual task never starts by itself, so recovery leaves it pending and not due (someone
          -- runs it again on purpose); a scheduled one resumes at its schedule: a slot it missed
          -- while stuck (next_run_time in the past) runs once, at the next poll.
          next_run_time = CASE WHEN p.new_status = 'failed' OR t.schedule_type = 'manual' THEN NULL
                               ELSE coalesce(t.next_run_time, now()) END,
          last_run_outcome = 'reset', updated_at = now()
      FROM prior p WHERE t.id = p.id
      RETURNING t.id
    ), closed_runs AS (
      UPDATE task_runs r SET outcome = 'reset', finished_at = now(), error = p.recovered_text, note = p.recovered_note::jsonb
      FROM prior p WHERE r.task_id = p.id AND r.attempt = p.attempt AND r.outcome = 'running'
      RETURNING r.id
    )
    INSERT INTO recovery_audits (task_id, task_name, recovered_at, actor_type, actor_user_id, actor_token_id, actor_label, mode,
                                 reason_code, reason_text, new_status, prior_status, prior_owner_instance_id, prior_attempt,
                                 prior_started_at, prior_heartbeat_at, prior_last_run_time, reason_runtime_limit,
                                 stopped_phase, stopped_camera_name, stopped_index, stopped_total, stopped_waited_minutes)
    SELECT p.id, p.name, now(), ${actor.type}, ${actor.userId}, ${actor.tokenId}, ${actor.label}, ${mode},
           p.code, p.text, p.new_status::task_status, p.status, p.owner_instance_id, p.attempt,
           p.started_at, p.heartbeat_at, p.last_run_time, p.runtime_limit,
           p.stopped_phase, p.stopped_camera, p.stopped_index, p.stopped_total, p.stopped_waited
    FROM prior p
    RETURNING task_id, new_status::text AS new_status`;
  return rows.map((r) => ({ id: r.task_id, newStatus: r.new_status })).sort((a, b) => a.id - b.id);
}

/** What a reset task's status reason says: recovered for this reason, or (capped) failed after too many automatic recoveries. */
function resetNotes(target: ResetTarget): { recovered: RunNote; capped: RunNote } {
  const reason = isRecoveryReasonCode(target.reasonCode) ? target.reasonCode : "force_reset";
  const runtimeLimit = target.runtimeLimit;
  return {
    recovered: { code: "recovered", reason, runtimeLimit },
    capped: {
      code: "recovery_capped",
      reason,
      runtimeLimit,
      max: env.AUTO_RECOVERY_MAX,
      windowMinutes: env.AUTO_RECOVERY_WINDOW_MINUTES,
    },
  };
}
