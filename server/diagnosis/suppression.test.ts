/** Root causes: one fault reported once, by its cause. */
import { describe, expect, it } from "vitest";
import type { FindingCode } from "@/shared/finding-codes";
import { rootCauses, settleBlockFaults } from "./suppression";
import type { CheckResult } from "./types";

const result = (code: FindingCode, metrics: Record<string, number>): CheckResult => ({ code, abnormal: true, score: 1, metrics });

describe("root causes", () => {
  it("mosaic and garbled: the fault covering more of the frame is the one reported", () => {
    // A broken decode painting flat copies of a smooth sky trips mosaic on a third of the tiles.
    const decode = new Set<FindingCode>(["mosaic", "garbled"]);
    settleBlockFaults(decode, { mosaic: result("mosaic", { areaFraction: 0.33 }), garbled: result("garbled", { brokenFraction: 0.61 }) });
    expect(rootCauses(decode)).toEqual(["garbled"]);
    // A frame pixelated all over also shows block seams, over a smaller share of macroblocks.
    const pixelated = new Set<FindingCode>(["mosaic", "garbled", "blur"]);
    settleBlockFaults(pixelated, { mosaic: result("mosaic", { areaFraction: 0.8 }), garbled: result("garbled", { brokenFraction: 0.45 }) });
    expect(rootCauses(pixelated)).toEqual(["mosaic"]);
  });

  it("vertical stripes explain garbled evidence made of smears, not of copied blocks", () => {
    const stripe = result("stripe", { vertical: 1, strength: 0.9 });
    const smeared = new Set<FindingCode>(["stripe", "garbled"]);
    settleBlockFaults(smeared, { stripe, garbled: result("garbled", { brokenFraction: 0.45, smearBlocks: 0.43, seamBlocks: 0.01 }) });
    expect(rootCauses(smeared)).toEqual(["stripe"]);
    // Copied blocks in wrong colours are a broken decode, striped or not.
    const copied = new Set<FindingCode>(["stripe", "garbled"]);
    settleBlockFaults(copied, { stripe, garbled: result("garbled", { brokenFraction: 0.7, smearBlocks: 0.05, seamBlocks: 0.6 }) });
    expect(rootCauses(copied)).toEqual(["garbled"]);
  });

  it("strong noise explains a colour cast read from noisy whites", () => {
    expect(rootCauses(new Set<FindingCode>(["noise", "color_cast"]))).toEqual(["noise"]);
  });
});
