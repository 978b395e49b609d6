import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { analyzeFrame, FRAME_CHECKS, FrameDecodeError } from "./index";
import { encode, fixture, gaussianSource, mapPixels, pixelsOf, solid } from "./test-frames";

const HEALTHY = "images/vtest-40-normal-0.jpg";

describe("analyzeFrame", () => {
  it("finds nothing on a healthy frame and runs every frame check", async () => {
    const result = await analyzeFrame(fixture(HEALTHY));
    expect(result.findings).toEqual([]);
    expect(Object.keys(result.checks).sort()).toEqual([...FRAME_CHECKS].sort());
    expect(result).toMatchObject({ width: 704, height: 576 });
  });

  it("a solid blue frame is signal_loss and nothing else", async () => {
    const result = await analyzeFrame(await solid(704, 576, [0, 0, 255]));
    expect(result.findings).toEqual(["signal_loss"]);
  });

  it("a black frame with a caption is signal_loss, not too_dark", async () => {
    const caption = await sharp({ create: { width: 120, height: 16, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    const frame = await sharp({ create: { width: 704, height: 576, channels: 3, background: "#000000" } })
      .composite([{ input: caption, left: 290, top: 280 }])
      .jpeg({ quality: 85 })
      .toBuffer();
    expect((await analyzeFrame(frame)).findings).toEqual(["signal_loss"]);
  });

  it("an underexposed frame is too_dark only: its low contrast is a symptom", async () => {
    const dark = await encode(mapPixels(await pixelsOf(fixture(HEALTHY)), (v) => v * 0.15));
    const result = await analyzeFrame(dark);
    expect(result.findings).toEqual(["too_dark"]);
    expect(result.checks.low_contrast?.abnormal).toBe(true);
  });

  it("a dark box over most of the frame is occlusion", async () => {
    const covered = mapPixels(await pixelsOf(fixture(HEALTHY)), (v, _c, x, y) => (x < 500 && y > 120 ? 30 : v));
    expect((await analyzeFrame(await encode(covered))).findings).toEqual(["occlusion"]);
  });

  it("strong channel gains are color_cast", async () => {
    const gains = [0.5, 0.8, 1.35];
    const blue = mapPixels(await pixelsOf(fixture(HEALTHY)), (v, c) => v * gains[c]);
    const result = await analyzeFrame(await encode(blue));
    expect(result.findings).toEqual(["color_cast"]);
    expect(result.checks.color_cast?.metrics.castBG).toBeGreaterThan(0);
  });

  it("every check's score is at least 0.5 exactly when it is abnormal", async () => {
    const labels = [
      "normal-0",
      "too_dark-2",
      "too_bright-3",
      "blur-4",
      "color_cast-5",
      "noise-6",
      "low_contrast-7",
      "occlusion-8",
      "signal_loss-9",
      "stripe-10",
    ];
    for (const label of labels) {
      const result = await analyzeFrame(fixture(`images/fruits-${label}.jpg`));
      for (const check of Object.values(result.checks)) {
        expect(check.score >= 0.5, `${label} ${check.code} ${check.score}`).toBe(check.abnormal);
        expect(check.score).toBeGreaterThanOrEqual(0);
        expect(check.score).toBeLessThanOrEqual(1);
      }
    }
  });

  it("only the requested checks run, and offline is never computed", async () => {
    const result = await analyzeFrame(fixture(HEALTHY), { checks: ["blur", "offline"] });
    expect(Object.keys(result.checks)).toEqual(["blur"]);
  });

  it("threshold overrides are applied per check", async () => {
    const strict = await analyzeFrame(fixture(HEALTHY), { checks: ["blur"], thresholds: { blur: { minEdgeSigma: 0.01 } } });
    expect(strict.findings).toEqual(["blur"]);
    await expect(analyzeFrame(fixture(HEALTHY), { thresholds: { blur: { sharpness: 1 } } as never })).rejects.toThrow(TypeError);
  });

  it("undecodable bytes throw FrameDecodeError", async () => {
    await expect(analyzeFrame(Buffer.from("<html>502 Bad Gateway</html>"))).rejects.toBeInstanceOf(FrameDecodeError);
    await expect(analyzeFrame(Buffer.alloc(0))).rejects.toBeInstanceOf(FrameDecodeError);
    const truncated = fixture(HEALTHY).subarray(0, 4000);
    await expect(analyzeFrame(truncated)).rejects.toBeInstanceOf(FrameDecodeError);
  });

  it("thumbnail is a small JPEG, only when asked for", async () => {
    const plain = await analyzeFrame(fixture(HEALTHY));
    expect(plain.thumbnail).toBeUndefined();
    const { thumbnail } = await analyzeFrame(fixture(HEALTHY), { thumbnail: true });
    const meta = await sharp(thumbnail!).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 160 });
    expect(thumbnail!.length).toBeLessThan(15_000);
  });

  it("fingerprint is compact and the same for the same frame", async () => {
    const a = await analyzeFrame(fixture(HEALTHY));
    const b = await analyzeFrame(fixture(HEALTHY), { checks: [] });
    expect(a.fingerprint.length).toBeLessThanOrEqual(2048);
    expect(a.fingerprint.equals(b.fingerprint)).toBe(true);
  });

  it("decodes grayscale and PNG frames too", async () => {
    const gray = await sharp(fixture(HEALTHY)).toColourspace("b-w").jpeg().toBuffer();
    const png = await sharp(fixture(HEALTHY)).png().toBuffer();
    expect((await analyzeFrame(gray)).findings).toEqual([]);
    expect((await analyzeFrame(png)).findings).toEqual([]);
  });

  it("a small frame is analysed, a thumbnail-sized one is refused", async () => {
    const small = await sharp(fixture(HEALTHY)).resize(64, 48).jpeg().toBuffer();
    expect(await analyzeFrame(small)).toMatchObject({ width: 64, height: 48 });
    const icon = await sharp(fixture(HEALTHY)).resize(16, 16).jpeg().toBuffer();
    await expect(analyzeFrame(icon)).rejects.toThrow(/too small/);
  });

  it("sensor noise of sigma 40 is noise", async () => {
    const gauss = gaussianSource(7);
    const noisy = mapPixels(await pixelsOf(fixture(HEALTHY)), (v) => v + 40 * gauss());
    expect((await analyzeFrame(await encode(noisy))).findings).toEqual(["noise"]);
  });
});
