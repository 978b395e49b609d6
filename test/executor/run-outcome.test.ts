import { describe, expect, it } from "vitest";
import { judgeRunOutcome } from "@/server/executor/run-outcome";

const fail = (cameraName: string) => ({ cameraName, error: "HTTP snapshot timed out after 300 ms." });

describe("run outcome", () => {
  it("no failed camera is completed, with no note", () => {
    expect(judgeRunOutcome(3, [])).toEqual({ outcome: "completed", note: null });
  });

  it("some cameras failed is partial and names them in both languages", () => {
    const judged = judgeRunOutcome(3, [fail("大门-04")]);
    expect(judged.outcome).toBe("partial");
    expect(judged.note).toBe(
      "3 个摄像头中 1 个失败：「大门-04」HTTP snapshot timed out after 300 ms. " +
        '(1 of 3 cameras failed: "大门-04": HTTP snapshot timed out after 300 ms.)',
    );
  });

  it("every camera failed is failed; past three cameras the rest are counted, not listed", () => {
    const judged = judgeRunOutcome(5, ["a", "b", "c", "d", "e"].map(fail));
    expect(judged.outcome).toBe("failed");
    expect(judged.note).toMatch(/^全部 5 个摄像头失败：「a」.*「c」[^「]*；另有 2 个 \(all 5 cameras failed: "a".*; 2 more\)$/);
    expect(judged.note).not.toContain("「d」");
  });
});
