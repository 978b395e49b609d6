import { describe, expect, it } from "vitest";
import { isoFromEpochSeconds } from "@/server/recovery/iso-time";

describe("isoFromEpochSeconds", () => {
  it("writes what Date#toISOString writes, across days, years, rounding and before 1970", () => {
    const samples = [0, -0.0004, -1.5, 86_399.9996, 86_400, 951_782_400.123, 1_795_873_157.468, 1_795_873_157.4685, 4_102_444_799.999];
    for (let i = 0; i < 2000; i++) samples.push((Math.random() - 0.2) * 4e9);
    for (const s of samples) expect(isoFromEpochSeconds(s), String(s)).toBe(new Date(Math.round(s * 1000)).toISOString());
  });
});
