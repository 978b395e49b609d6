/** Garbled picture (花屏): a broken decode from some row down, and nothing on healthy frames. */
import { describe, expect, it } from "vitest";
import { decodeFrame } from "./decode";
import { checkGarbled } from "./garbled";
import { garble } from "./test-block-faults";
import sharp from "sharp";
import { encode, fixture, mapPixels, pixelsOf } from "./test-frames";
import { normalFrames } from "./test-normal-frames";
import { DEFAULT_THRESHOLDS as T } from "./thresholds";

const garbledOf = async (jpeg: Buffer) => checkGarbled(await decodeFrame(jpeg), T.garbled);

describe("garbled", () => {
  it("macroblocks copied and smeared from a third of the frame down are garbled, the frame itself is not", async () => {
    const base = await pixelsOf(fixture("images/home-normal-0.jpg"));
    expect((await garbledOf(await encode(base))).abnormal).toBe(false);
    const startRow = Math.round(base.height / 16 / 3);
    const result = await garbledOf(await encode(garble(base, startRow)));
    expect(result.abnormal).toBe(true);
    // The corruption is located: it starts about a third of the way down.
    expect(result.metrics.startRowFraction).toBeGreaterThan(0.2);
    expect(result.metrics.startRowFraction).toBeLessThan(0.45);
  });

  it("a corruption in the bottom quarter of a textured scene is still found", async () => {
    const base = await pixelsOf(fixture("images/baboon-normal-0.jpg"));
    const result = await garbledOf(await encode(garble(base, Math.round((base.height / 16) * 0.75), 3)));
    expect(result.abnormal).toBe(true);
  });

  it("vertical stripes over smooth walls repeat rows from the top of the frame: no smear, not garbled", async () => {
    // At 640x480 the flat walls and floor of the room under 10 px vertical bands repeat their rows exactly like
    // a decoder's smear, but from the first row down: there is no good row above them to repeat.
    const room = await pixelsOf(
      await sharp(fixture("images/home-normal-0.jpg")).resize(640, 480, { fit: "fill" }).jpeg({ quality: 90 }).toBuffer(),
    );
    const banded = mapPixels(room, (v, _c, x) => v * (1 - 0.4 * (0.5 + 0.5 * Math.sin((2 * Math.PI * x) / 10))));
    const result = await garbledOf(await encode(banded));
    expect(result.abnormal).toBe(false);
    // The same room smeared by a broken decode from half-way down still is garbled.
    expect((await garbledOf(await encode(garble(room, 15)))).abnormal).toBe(true);
  });

  it("no normal frame of the public set is garbled", async () => {
    for (const { name, jpeg } of await normalFrames()) {
      expect({ name, abnormal: (await garbledOf(jpeg)).abnormal }).toEqual({ name, abnormal: false });
    }
  });
});
