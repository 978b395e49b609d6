import { fillMessage } from "./fill-message";
import { grabErrorText, isGrabErrorCode, type GrabErrorCode, type GrabErrorParams } from "./grab-error-codes";
import { isRecoveryReasonCode, RECOVERY_REASON_MESSAGES, type RecoveryReasonCode } from "./stuck-reason-codes";

/**
 * Why a run ended as it did, as codes and numbers rather than a sentence: which cameras failed and
 * each one's grab error code, or the runtime limit, or the run's own error. The executor stores it
 * (diagnosis_tasks.status_note, task_runs.note) beside the bilingual sentence made from it
 * (status_reason, task_runs.error, which the API returns and older readers know); the console renders
 * the note in the reader's language. Stored, so a code is never renamed.
 */
export interface CameraFailureNote {
  camera: string;
  /** The grab error's code, or null when the camera gave an error without one (its text then says it). */
  code: GrabErrorCode | null;
  params: GrabErrorParams | null;
  text: string | null;
}

export type RunNote =
  /** `cameras` names the first few failed cameras; `failed` counts them all. Every camera failed when failed = total. */
  | { code: "cameras_failed"; total: number; failed: number; cameras: CameraFailureNote[] }
  | { code: "max_runtime"; minutes: number }
  /** The run itself broke (a database error...): the message is the server's, in English. */
  | { code: "run_error"; message: string }
  /** Put back to pending when its executor (host:pid) shut down mid-run. */
  | { code: "released"; executor: string }
  /** Reset by a recovery, for this reason (runtimeLimit: the limit a runtime_exceeded verdict applied). */
  | { code: "recovered"; reason: RecoveryReasonCode; runtimeLimit: number | null }
  /** Failed instead: recovered automatically `max` times within `windowMinutes`, the last time for this reason. */
  | { code: "recovery_capped"; reason: RecoveryReasonCode; runtimeLimit: number | null; max: number; windowMinutes: number };

export const RUN_NOTE_MESSAGES = {
  "runNote.allFailed": { zh: "全部 {total} 个摄像头失败：{cameras}", en: "{total:The camera|All {total} cameras} failed: {cameras}" },
  "runNote.someFailed": { zh: "{total} 个摄像头中 {failed} 个失败：{cameras}", en: "{failed} of {total} cameras failed: {cameras}" },
  "runNote.camera": { zh: "「{camera}」{error}", en: '"{camera}": {error}' },
  "runNote.more": { zh: "另有 {n} 个", en: "{n} more" },
  "runNote.listSeparator": { zh: "；", en: "; " },
  "runNote.maxRuntime": {
    zh: "运行时间超过 {minutes} 分钟，已中止",
    en: "The run exceeded its max runtime of {minutes} min and was aborted",
  },
  "runNote.runError": { zh: "运行出错：{message}", en: "The run failed: {message}" },
  "runNote.released": { zh: "执行器 {executor} 关闭时释放", en: "Released when executor {executor} shut down" },
  "runNote.recovered": { zh: "已恢复：{reason}", en: "Recovered: {reason}" },
  "runNote.recoveryCapped": {
    zh: "自动恢复次数过多，已停止调度：{window} 分钟内已自动恢复 {max} 次（{reason}）",
    en: "Recovered automatically too often, no longer scheduled: {max} times within {window} min ({reason})",
  },
} as const satisfies Record<string, { zh: string; en: string }>;

type Lang = "zh" | "en";
const MESSAGES = { ...RUN_NOTE_MESSAGES, ...RECOVERY_REASON_MESSAGES };
type Key = keyof typeof MESSAGES;

const say = (key: Key, lang: Lang, vars: Record<string, string | number> = {}) => fillMessage(MESSAGES[key][lang], vars);

const reasonText = (note: { reason: RecoveryReasonCode; runtimeLimit: number | null }, lang: Lang) =>
  say(`recoveries.reason.${note.reason}`, lang, { n: note.runtimeLimit ?? "?" });

const withoutStop = (text: string) => text.trim().replace(/[。.]$/, "");

function cameraError(f: CameraFailureNote, lang: Lang): string {
  if (f.code) return withoutStop(grabErrorText(f.code, f.params, lang));
  return withoutStop(f.text ?? "");
}

/** The note in one language. */
export function runNoteText(note: RunNote, lang: Lang): string {
  switch (note.code) {
    case "max_runtime":
      return say("runNote.maxRuntime", lang, { minutes: note.minutes });
    case "run_error":
      return say("runNote.runError", lang, { message: note.message });
    case "released":
      return say("runNote.released", lang, { executor: note.executor });
    case "recovered":
      return say("runNote.recovered", lang, { reason: reasonText(note, lang) });
    case "recovery_capped":
      return say("runNote.recoveryCapped", lang, { reason: reasonText(note, lang), max: note.max, window: note.windowMinutes });
    case "cameras_failed": {
      const items = note.cameras.map((f) => say("runNote.camera", lang, { camera: f.camera, error: cameraError(f, lang) }));
      const more = note.failed - note.cameras.length;
      if (more > 0) items.push(say("runNote.more", lang, { n: more }));
      const cameras = items.join(say("runNote.listSeparator", lang));
      return note.failed >= note.total
        ? say("runNote.allFailed", lang, { total: note.total, cameras })
        : say("runNote.someFailed", lang, { total: note.total, failed: note.failed, cameras });
    }
  }
}

/** The API's bilingual form, "中文 (English)", stored as the note's text for readers that only know text. */
export const runNoteSentence = (note: RunNote) => `${runNoteText(note, "zh")} (${runNoteText(note, "en")})`;

/** A stored note read back (JSON from the database): a note this code knows, else null (the text is shown then). */
export function asRunNote(value: unknown): RunNote | null {
  if (typeof value !== "object" || value === null) return null;
  const note = value as Record<string, unknown>;
  if (note.code === "max_runtime" && typeof note.minutes === "number") return value as RunNote;
  if (note.code === "run_error" && typeof note.message === "string") return value as RunNote;
  if (note.code === "released" && typeof note.executor === "string") return value as RunNote;
  const limit = note.runtimeLimit === null || typeof note.runtimeLimit === "number";
  if (note.code === "recovered" && isRecoveryReasonCode(note.reason) && limit) return value as RunNote;
  if (
    note.code === "recovery_capped" &&
    isRecoveryReasonCode(note.reason) &&
    limit &&
    typeof note.max === "number" &&
    typeof note.windowMinutes === "number"
  )
    return value as RunNote;
  if (note.code === "cameras_failed" && typeof note.total === "number" && typeof note.failed === "number" && Array.isArray(note.cameras)) {
    const cameras = (note.cameras as Array<Record<string, unknown>>).map((c) => ({
      camera: String(c?.camera ?? ""),
      code: isGrabErrorCode(c?.code) ? c.code : null,
      params: typeof c?.params === "object" && c.params !== null ? (c.params as GrabErrorParams) : null,
      text: typeof c?.text === "string" ? c.text : null,
    }));
    return { code: "cameras_failed", total: note.total, failed: note.failed, cameras };
  }
  return null;
}
