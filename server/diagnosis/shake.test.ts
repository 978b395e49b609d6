/** Shake (抖动): repeated global displacement between a camera's consecutive frames, and nothing else. */
import { describe, expect, it } from "vitest";
import { analyzeFrame } from "./analyze";
import { displacedView as view } from "./test-frames";

const SEQUENCE = "sequences/vtest-40-normal";
const frameNames = Array.from({ length: 6 }, (_, i) => `${SEQUENCE}/0${i}.jpg`);

async function judge(frames: Buffer[]) {
  const history = [];
  for (const frame of frames.slice(0, -1)) history.push((await analyzeFrame(frame, { checks: [] })).fingerprint);
  return analyzeFrame(frames[frames.length - 1], { history, checks: ["shake", "freeze", "scene_change", "blur"] });
}

describe("shake", () => {
  it("a real sequence from a steady camera does not shake", async () => {
    const result = await judge(await Promise.all(frameNames.map((name) => view(name, 0, 0))));
    expect(result.checks.shake!.abnormal).toBe(false);
    expect(result.checks.shake!.metrics.stepsCompared).toBe(5);
    expect(result.findings).toEqual([]);
  });

  it("the same sequence displaced 8-24 px (and turned up to 1.2°) from frame to frame shakes", async () => {
    const offsets: Array<[number, number, number]> = [
      [0, 0, 0],
      [12, -6, 0.8],
      [-8, 10, -0.5],
      [10, 14, 1.2],
      [-12, -4, 0],
      [6, 12, -1],
    ];
    const result = await judge(await Promise.all(frameNames.map((name, i) => view(name, ...offsets[i]))));
    expect(result.checks.shake!.abnormal).toBe(true);
    expect(result.checks.shake!.metrics.movingSteps).toBeGreaterThanOrEqual(4);
    expect(result.findings).toContain("shake");
  });

  it("a camera knocked once that stays put is not shaking", async () => {
    const result = await judge(await Promise.all(frameNames.map((name, i) => view(name, i >= 4 ? 20 : 0, i >= 4 ? 12 : 0))));
    expect(result.checks.shake!.abnormal).toBe(false);
  });

  it("a frozen picture does not shake", async () => {
    const frame = await view(frameNames[0], 0, 0);
    const result = await judge([frame, frame, frame, frame]);
    expect(result.checks.shake!.abnormal).toBe(false);
    expect(result.findings).toEqual(["freeze"]);
  });

  it("fingerprints stored before shake existed (version 1) are skipped; freeze still reads them", async () => {
    const frame = await view(frameNames[0], 0, 0);
    const current = (await analyzeFrame(frame, { checks: [] })).fingerprint;
    const v1 = Buffer.from(current.subarray(0, 5 + 32 * 24 + 256));
    v1[0] = 1;
    const result = await analyzeFrame(frame, { history: [v1, v1, v1], checks: ["shake", "freeze"] });
    expect(result.checks.shake!.metrics.stepsCompared).toBe(0);
    expect(result.checks.freeze!.abnormal).toBe(true);
  });
});
