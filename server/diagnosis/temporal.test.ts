import { describe, expect, it } from "vitest";
import { analyzeFrame } from "./index";
import { encode, fixture, gaussianSource, mapPixels, pixelsOf } from "./test-frames";

const SCENE = "images/building-normal-0.jpg";
const OTHER_SCENE = "images/baboon-normal-0.jpg";

async function fingerprints(frames: Buffer[]): Promise<Buffer[]> {
  return Promise.all(frames.map(async (f) => (await analyzeFrame(f, { checks: [] })).fingerprint));
}

/** A still camera: the same scene with fresh sensor noise (sigma 1.5) in every frame. */
async function liveFrames(count: number): Promise<Buffer[]> {
  const base = await pixelsOf(fixture(SCENE));
  const gauss = gaussianSource(3);
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++)
    frames.push(
      await encode(
        mapPixels(base, (v) => v + 1.5 * gauss()),
        85,
      ),
    );
  return frames;
}

describe("temporal checks", () => {
  it("a frozen sequence is freeze", async () => {
    const frame = fixture(SCENE);
    const result = await analyzeFrame(frame, { history: await fingerprints([frame, frame, frame]) });
    expect(result.findings).toEqual(["freeze"]);
  });

  it("a still camera with live sensor noise is not freeze", async () => {
    const frames = await liveFrames(4);
    const result = await analyzeFrame(frames[3], { history: await fingerprints(frames.slice(0, 3)) });
    expect(result.findings).toEqual([]);
    expect(result.checks.freeze?.metrics.maxSampleDifference).toBeGreaterThan(0.5);
  });

  it("freeze needs enough history to judge", async () => {
    const frame = fixture(SCENE);
    const result = await analyzeFrame(frame, { history: await fingerprints([frame]) });
    expect(result.checks.freeze?.abnormal).toBe(false);
  });

  it("a swapped camera is scene_change", async () => {
    const frames = await liveFrames(3);
    const result = await analyzeFrame(fixture(OTHER_SCENE), { history: await fingerprints(frames) });
    expect(result.findings).toEqual(["scene_change"]);
  });

  it("a camera knocked 24 px sideways that stays there is scene_change, although its layout barely changed", async () => {
    const frames = await liveFrames(4);
    const base = await pixelsOf(fixture(SCENE));
    // The same building seen 24 source px (12 work-plane px) further right, edge pixels repeated.
    const knocked = await encode(mapPixels(base, (_v, c, x, y) => base.data[3 * (y * base.width + Math.min(base.width - 1, x + 24)) + c]));
    const result = await analyzeFrame(knocked, { history: await fingerprints(frames.slice(0, 3)) });
    expect(result.checks.scene_change?.metrics.distance).toBeLessThan(0.25);
    expect(result.checks.scene_change?.metrics.moveShift).toBeGreaterThanOrEqual(6);
    expect(result.findings).toEqual(["scene_change"]);
    // A still frame of the same camera is not displaced.
    const still = await analyzeFrame(frames[3], { history: await fingerprints(frames.slice(0, 3)) });
    expect(still.checks.scene_change?.metrics.moveShift).toBe(0);
  });

  it("a global exposure change is not scene_change", async () => {
    const frames = await liveFrames(3);
    const dimmer = await encode(mapPixels(await pixelsOf(fixture(SCENE)), (v) => v * 0.7));
    const result = await analyzeFrame(dimmer, { history: await fingerprints(frames) });
    expect(result.checks.scene_change?.abnormal).toBe(false);
  });

  it("signal loss explains a changed, unchanging picture", async () => {
    const blue = await encode(mapPixels(await pixelsOf(fixture(SCENE)), (_v, c) => (c === 2 ? 255 : 0)));
    const result = await analyzeFrame(blue, { history: await fingerprints([fixture(SCENE), blue, blue]) });
    expect(result.findings).toEqual(["signal_loss"]);
  });

  it("unreadable history entries are skipped, not fatal", async () => {
    const result = await analyzeFrame(fixture(SCENE), { history: [Buffer.from("garbage"), Buffer.alloc(0)] });
    expect(result.checks.freeze?.metrics.framesCompared).toBe(0);
    expect(result.findings).toEqual([]);
  });
});
