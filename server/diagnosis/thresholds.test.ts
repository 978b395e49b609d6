import { describe, expect, it } from "vitest";
import { DEFAULT_THRESHOLDS, resolveThresholds } from "./thresholds";

describe("resolveThresholds", () => {
  it("merges partial per-check overrides onto the defaults without touching them", () => {
    const t = resolveThresholds({ blur: { minEdgeSigma: 2 }, noise: {} });
    expect(t.blur.minEdgeSigma).toBe(2);
    expect(t.noise).toEqual(DEFAULT_THRESHOLDS.noise);
    expect(DEFAULT_THRESHOLDS.blur.minEdgeSigma).not.toBe(2);
  });

  it("rejects unknown checks, unknown keys and non-finite values", () => {
    expect(() => resolveThresholds({ focus: {} } as never)).toThrow(/unknown check/);
    expect(() => resolveThresholds({ blur: { sigma: 1 } } as never)).toThrow(/unknown threshold/);
    expect(() => resolveThresholds({ blur: { minEdgeSigma: Number.NaN } })).toThrow(/finite/);
    expect(() => resolveThresholds({ blur: { minEdgeSigma: "1" } } as never)).toThrow(/finite/);
  });
});
