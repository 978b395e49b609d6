import "server-only";
import type { CameraFailureNote, RunNote } from "@/shared/run-note";

/**
 * How a run that went through all its cameras ended, judged from the cameras that failed: every
 * camera failed → `failed`; some → `partial` (completed with problems); none → `completed`. Only a
 * `completed` run counts as a success. The note names the failed cameras and why, coded
 * (shared/run-note.ts), so the task list and the run history say what went wrong without a click, in
 * the reader's language.
 */
export type JudgedOutcome = { outcome: "completed"; note: null } | { outcome: "partial" | "failed"; note: RunNote };

/** How many failed cameras the note names; the rest are counted. */
const NAMED = 3;

export function judgeRunOutcome(cameraCount: number, failures: CameraFailureNote[]): JudgedOutcome {
  if (failures.length === 0) return { outcome: "completed", note: null };
  const note: RunNote = { code: "cameras_failed", total: cameraCount, failed: failures.length, cameras: failures.slice(0, NAMED) };
  return { outcome: failures.length >= cameraCount ? "failed" : "partial", note };
}
