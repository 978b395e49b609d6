import { describe, expect, it } from "vitest";
import { translator } from "@/components/i18n/messages";
import { runtimeAxis } from "@/components/dashboard/runtime-axis";

const zh = translator("zh");
const en = translator("en");
const labels = (max: number, t = zh) => {
  const axis = runtimeAxis(t, max);
  return axis.ticks.map(axis.format);
};

describe("dashboard runtime axis", () => {
  it("sub-second runtimes read in whole milliseconds, not 0 / 0.1 / 0.3 秒", () => {
    expect(labels(0.6)).toEqual(["0 毫秒", "200 毫秒", "400 毫秒", "600 毫秒"]);
    expect(labels(0.05, en)).toEqual(["0 ms", "20 ms", "40 ms", "60 ms"]);
  });

  it("seconds, minutes and hours step by whole units from 0 and cover the largest value", () => {
    expect(labels(2.4)).toEqual(["0 秒", "1 秒", "2 秒", "3 秒"]);
    expect(labels(38)).toEqual(["0 秒", "10 秒", "20 秒", "30 秒", "40 秒"]);
    expect(labels(540, en)).toEqual(["0 min", "5 min", "10 min"]);
    expect(labels(5 * 3600, en)).toEqual(["0 h", "2 h", "4 h", "6 h"]);
    for (const max of [0.003, 0.6, 1, 7.7, 59, 61, 3599, 86_400]) {
      const axis = runtimeAxis(zh, max);
      expect(axis.ticks[0]).toBe(0);
      expect(axis.domain[1]).toBeGreaterThanOrEqual(max);
      expect(axis.ticks.length).toBeLessThanOrEqual(5);
      expect(new Set(axis.ticks.map(axis.format)).size, `max ${max}`).toBe(axis.ticks.length);
    }
  });

  it("no data still draws a small axis", () => {
    expect(labels(0)).toEqual(["0 秒", "1 秒"]);
  });
});
