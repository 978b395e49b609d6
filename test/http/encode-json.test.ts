import { describe, expect, it } from "vitest";
import { encodeJson } from "@/server/http/encode-json";

const task = (i: number) => ({
  id: i,
  name: i % 3 ? `task ${i}` : `大门摄像头 "${i}"\n`,
  last_run_time: i % 5 ? new Date(1_700_000_000_000 + i * 997).toISOString() : null,
  runtime_minutes: i / 7,
  stuck_reason: i % 2 ? "执行器已失联" : null,
  nested: { list: [i, "x"], skipped: undefined },
});

describe("encodeJson", () => {
  it("writes exactly the bytes of JSON.stringify, long arrays (sliced) and short ones alike", () => {
    for (const n of [0, 1, 99, 100, 101, 250, 1000]) {
      const value = {
        running_tasks: Array.from({ length: n }, (_, i) => task(i)),
        stuck_tasks: Array.from({ length: Math.floor(n / 2) }, (_, i) => ({ id: i, stuck_reason: "运行时间超过 30 分钟" })),
        total_running: n,
        left_out: undefined,
        checked_at: new Date(1_700_000_000_000),
        message: `检查完成：运行中任务 ${n} 个`,
      };
      expect(encodeJson(value).equals(Buffer.from(JSON.stringify(value)))).toBe(true);
    }
  });

  it("an empty object, and one whose only field is left out, are {}", () => {
    expect(encodeJson({}).toString()).toBe("{}");
    expect(encodeJson({ gone: undefined }).toString()).toBe("{}");
  });
});
