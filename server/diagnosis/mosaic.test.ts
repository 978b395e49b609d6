/** Mosaic (马赛克): flat blocks on a grid over a real part of the frame, and nothing on healthy frames. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeFrame } from "./decode";
import { checkMosaic } from "./mosaic";
import { pixelate } from "./test-block-faults";
import { encode, fixture, pixelsOf } from "./test-frames";
import { DEFAULT_THRESHOLDS as T } from "./thresholds";
import { normalFrames } from "./test-normal-frames";

const mosaicOf = async (jpeg: Buffer) => checkMosaic(await decodeFrame(jpeg), T.mosaic);

describe("mosaic", () => {
  it("a frame pixelated in 16 px blocks is mosaic, the frame itself is not", async () => {
    const base = await pixelsOf(fixture("images/building-normal-0.jpg"));
    expect((await mosaicOf(await encode(base))).abnormal).toBe(false);
    const result = await mosaicOf(await encode(pixelate(base, 16)));
    expect(result.abnormal).toBe(true);
    // The sky stays flat when pixelated: the textured rest of the frame is what shows the grid.
    expect(result.metrics.areaFraction).toBeGreaterThan(0.3);
    expect(result.metrics.blockSize).toBeCloseTo(16, 0);
  });

  it("a band of 22 px blocks across a smooth scene is mosaic; the scene around it does not count", async () => {
    const base = await pixelsOf(fixture("images/fruits-normal-0.jpg"));
    const band = pixelate(base, 22, Math.round(base.height * 0.4), Math.round(base.height * 0.75));
    const result = await mosaicOf(await encode(band));
    expect(result.abnormal).toBe(true);
    expect(result.metrics.areaFraction).toBeLessThan(0.6);
  });

  it("heavy JPEG compression (8x8 block artefacts) of a healthy frame is not mosaic", async () => {
    for (const name of ["images/aero1-normal-0.jpg", "images/vtest-40-normal-0.jpg"]) {
      const jpeg = await sharp(fixture(name)).jpeg({ quality: 15 }).toBuffer();
      expect((await mosaicOf(jpeg)).metrics.areaFraction).toBeLessThan(T.mosaic.minAreaFraction / 2);
    }
  });

  it("no normal frame of the public set is mosaic", async () => {
    for (const { name, jpeg } of await normalFrames()) {
      expect({ name, abnormal: (await mosaicOf(jpeg)).abnormal }).toEqual({ name, abnormal: false });
    }
  });
});
