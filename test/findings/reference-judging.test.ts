import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyzeFrame, type FrameAnalysis, type FrameReference } from "@/server/diagnosis";
import { displacedView } from "@/server/diagnosis/test-frames";

const IMAGES = "test/fixtures/vqd-public/images";
const read = (name: string) => fs.readFileSync(`${IMAGES}/${name}`);
const SEQUENCE = Array.from({ length: 6 }, (_, i) => `sequences/vtest-40-normal/0${i}.jpg`);

/** The last frame of a mount swaying ±`px` source px from frame to frame, judged with the earlier ones as history. */
async function swaying(px: number, reference?: FrameReference) {
  const frames = await Promise.all(SEQUENCE.map((name, i) => displacedView(name, i % 2 ? px : -px, 0)));
  const history = [];
  for (const frame of frames.slice(0, -1)) history.push((await analyzeFrame(frame, { checks: [] })).fingerprint);
  return analyzeFrame(frames[frames.length - 1], { history, checks: ["shake"], reference });
}

const referenceOf = (a: FrameAnalysis): FrameReference => ({ checks: a.checks, fingerprint: a.fingerprint });

describe("judging a frame against the camera's reference", () => {
  it("a colour cast the camera was taught is its normal; a different cast on the same camera still fires", async () => {
    const cast = read("aero1-color_cast-5.jpg");
    const taught = await analyzeFrame(cast);
    expect(taught.findings).toContain("color_cast");

    const again = await analyzeFrame(cast, { reference: referenceOf(taught) });
    expect(again.findings).not.toContain("color_cast");
    expect(again.checks.color_cast).toMatchObject({ abnormal: false, metrics: expect.objectContaining({ reference: 1 }) });
    expect(again.checks.color_cast!.score).toBeLessThan(0.5);

    // The same scene, its white balance now gone the other way (blue): a real change on this camera.
    const normal = read("aero1-normal-0.jpg");
    const blue = await sharp(normal).linear([0.6, 0.9, 1.5], [0, 0, 0]).jpeg({ quality: 90 }).toBuffer();
    const moved = await analyzeFrame(blue, { reference: referenceOf(taught) });
    expect(moved.findings).toContain("color_cast");
  });

  it("a dark camera taught dark stops alarming, and a frame that got darker still than its normal fires", async () => {
    const dark = read("home-too_dark-2.jpg");
    const taught = await analyzeFrame(dark);
    expect(taught.findings).toContain("too_dark");
    expect((await analyzeFrame(dark, { reference: referenceOf(taught) })).findings).not.toContain("too_dark");
    const darker = await sharp(dark).linear(0.35, 0).jpeg({ quality: 90 }).toBuffer();
    expect(
      (await analyzeFrame(darker, { reference: referenceOf(taught) })).findings.some((f) => f === "too_dark" || f === "signal_loss"),
    ).toBe(true);
  });

  it("a check the reference cannot speak for is judged absolutely: a lost signal fires whatever was taught", async () => {
    const lost = read("aero1-signal_loss-9.jpg");
    const taught = await analyzeFrame(lost);
    expect((await analyzeFrame(lost, { reference: referenceOf(taught) })).findings).toContain("signal_loss");
  });

  it("a mount taught while swaying stays normal while it sways as taught; twice the sway fires although it scores the same", async () => {
    const taught = await swaying(6);
    expect(taught.findings).toEqual(["shake"]);
    const again = await swaying(6, referenceOf(taught));
    expect(again.findings).toEqual([]);
    expect(again.checks.shake!.metrics.reference).toBe(1);
    // The score saturates, so comparing scores would call this the taught sway; the displacement does not.
    const stronger = await swaying(12, referenceOf(taught));
    expect(stronger.checks.shake!.score).toBe(taught.checks.shake!.score);
    expect(stronger.findings).toEqual(["shake"]);
  });
});
