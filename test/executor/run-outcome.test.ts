import { describe, expect, it } from "vitest";
import { judgeRunOutcome } from "@/server/executor/run-outcome";
import { asRunNote, runNoteSentence, runNoteText, type CameraFailureNote } from "@/shared/run-note";

const timedOut = (camera: string): CameraFailureNote => ({ camera, code: "timeout", params: { seconds: 120 }, text: null });

describe("run outcome", () => {
  it("no failed camera is completed, with no note", () => {
    expect(judgeRunOutcome(3, [])).toEqual({ outcome: "completed", note: null });
  });

  it("some cameras failed is partial; the note keeps each camera's grab error code and says it in either language", () => {
    const judged = judgeRunOutcome(3, [timedOut("大门-04")]);
    expect(judged.outcome).toBe("partial");
    expect(judged.note).toEqual({ code: "cameras_failed", total: 3, failed: 1, cameras: [timedOut("大门-04")] });
    expect(runNoteText(judged.note!, "zh")).toBe("3 个摄像头中 1 个失败：「大门-04」120 秒内没有返回画面");
    expect(runNoteText(judged.note!, "en")).toBe('1 of 3 cameras failed: "大门-04": No frame within 120 s');
    expect(runNoteSentence(judged.note!)).toBe(
      '3 个摄像头中 1 个失败：「大门-04」120 秒内没有返回画面 (1 of 3 cameras failed: "大门-04": No frame within 120 s)',
    );
  });

  it("every camera failed is failed; past three cameras the rest are counted, not listed", () => {
    const judged = judgeRunOutcome(5, ["a", "b", "c", "d", "e"].map(timedOut));
    expect(judged.outcome).toBe("failed");
    expect(runNoteText(judged.note!, "zh")).toMatch(/^全部 5 个摄像头失败：「a」.*「c」[^「]*；另有 2 个$/);
    expect(runNoteText(judged.note!, "en")).toMatch(/^All 5 cameras failed: "a".*"c"[^"]*; 2 more$/);
    expect(runNoteSentence(judged.note!)).not.toContain("「d」");
    // English counts: a task's only camera is "the camera", not "all 1 cameras".
    expect(runNoteText(judgeRunOutcome(1, [timedOut("大门")]).note!, "en")).toBe('The camera failed: "大门": No frame within 120 s');
    expect(runNoteText(judgeRunOutcome(1, [timedOut("大门")]).note!, "zh")).toBe("全部 1 个摄像头失败：「大门」120 秒内没有返回画面");
  });

  it("a camera error without a code keeps its text; a stored note is read back, anything else is not a note", () => {
    const note = judgeRunOutcome(2, [{ camera: "旧", code: null, params: null, text: "Something odd." }]).note!;
    expect(runNoteText(note, "en")).toBe('1 of 2 cameras failed: "旧": Something odd');
    expect(asRunNote(JSON.parse(JSON.stringify(note)))).toEqual(note);
    expect(asRunNote({ code: "max_runtime", minutes: 30 })).toEqual({ code: "max_runtime", minutes: 30 });
    expect(runNoteText({ code: "max_runtime", minutes: 30 }, "zh")).toBe("运行时间超过 30 分钟，已中止");
    expect(asRunNote({ code: "cameras_failed", total: 1, failed: 1, cameras: [{ camera: "x", code: "renamed_code" }] })).toEqual({
      code: "cameras_failed",
      total: 1,
      failed: 1,
      cameras: [{ camera: "x", code: null, params: null, text: null }],
    });
    expect(asRunNote("全部 1 个摄像头失败")).toBeNull();
    expect(asRunNote({ code: "unknown" })).toBeNull();
  });
});
