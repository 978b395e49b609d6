import { describe, expect, it } from "vitest";
import { translator } from "@/components/i18n/messages";

describe("translator", () => {
  it("English counts say one task, two tasks; Chinese keeps its one form", () => {
    const en = translator("en");
    expect(en("recovery.banner.title", { n: 1 })).toBe("1 stuck task found");
    expect(en("recovery.banner.title", { n: 2 })).toBe("2 stuck tasks found");
    expect(en("tasks.total", { total: 0 })).toBe("0 tasks");
    expect(en("progress.done", { done: 0, n: 1 })).toBe("0 of 1 camera done");
    expect(translator("zh")("recovery.banner.title", { n: 1 })).toBe("发现 1 个卡住的任务");
  });
});
