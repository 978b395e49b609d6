import fs from "node:fs";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyzeFrame, type FrameAnalysis, type FrameReference } from "@/server/diagnosis";

const IMAGES = "test/fixtures/vqd-public/images";
const read = (name: string) => fs.readFileSync(`${IMAGES}/${name}`);
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
});
