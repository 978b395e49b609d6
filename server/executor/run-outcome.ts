import "server-only";
/**
 * How a run that went through all its cameras ended, judged from the cameras that failed: every
 * camera failed → `failed`; some → `partial` (completed with problems); none → `completed`. Only a
 * `completed` run counts as a success. The note names the failed cameras and why, in the API's
 * bilingual form, so the task list and the run history say what went wrong without a click.
 */
export type CameraFailure = { cameraName: string; error: string };

export type JudgedOutcome = { outcome: "completed"; note: null } | { outcome: "partial" | "failed"; note: string };

/** How many failed cameras the note names; the rest are counted. */
const NAMED = 3;

export function judgeRunOutcome(cameraCount: number, failures: CameraFailure[]): JudgedOutcome {
  if (failures.length === 0) return { outcome: "completed", note: null };
  const named = failures.slice(0, NAMED);
  const more = failures.length - named.length;
  const zhList = named.map((f) => `「${f.cameraName}」${f.error}`).join("；") + (more ? `；另有 ${more} 个` : "");
  const enList = named.map((f) => `"${f.cameraName}": ${f.error}`).join("; ") + (more ? `; ${more} more` : "");
  if (failures.length >= cameraCount) {
    return {
      outcome: "failed",
      note: `全部 ${cameraCount} 个摄像头失败：${zhList} (all ${cameraCount} cameras failed: ${enList})`,
    };
  }
  return {
    outcome: "partial",
    note: `${cameraCount} 个摄像头中 ${failures.length} 个失败：${zhList} (${failures.length} of ${cameraCount} cameras failed: ${enList})`,
  };
}
