/** Each measure responds to the physical quantity it claims to measure, on real frames and in the right units. */
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { checkColorCast } from "./color-cast";
import { decodeFrame } from "./decode";
import { checkNoise } from "./noise";
import { checkBlur } from "./sharpness";
import { checkStripe } from "./stripe";
import { DEFAULT_THRESHOLDS as T } from "./thresholds";
import { encode, fixture, gaussianSource, mapPixels, pixelsOf } from "./test-frames";

const SCENE = "images/home-normal-0.jpg";

async function frameOf(jpeg: Buffer) {
  return decodeFrame(jpeg);
}

describe("measures", () => {
  it("edge blur grows with the applied Gaussian blur", async () => {
    const sigmas = [];
    for (const s of [0, 2, 4, 7]) {
      const jpeg = s ? await sharp(fixture(SCENE)).blur(s).jpeg({ quality: 90 }).toBuffer() : fixture(SCENE);
      sigmas.push(checkBlur(await frameOf(jpeg), T.blur).metrics.edgeSigma);
    }
    expect(sigmas[0]).toBeLessThan(T.blur.minEdgeSigma);
    for (let i = 1; i < sigmas.length; i++) expect(sigmas[i]).toBeGreaterThan(sigmas[i - 1]);
    expect(sigmas[3]).toBeGreaterThan(T.blur.minEdgeSigma);
  });

  it("a 4K-class frame blurred by 4 source px is blurred, as a D1 one is: both are checked at two source px per plane px", async () => {
    // Nearest-neighbour enlargement keeps the fixture's edges as crisp as a 2816 px camera's would be.
    const large = () => sharp(fixture(SCENE)).resize(2816, 2304, { kernel: "nearest" });
    const sharpFrame = checkBlur(await frameOf(await large().jpeg({ quality: 90 }).toBuffer()), T.blur);
    const blurred = checkBlur(await frameOf(await large().blur(4).jpeg({ quality: 90 }).toBuffer()), T.blur);
    expect(sharpFrame.abnormal).toBe(false);
    expect(blurred.abnormal).toBe(true);
  });

  it("edge blur does not depend on contrast", async () => {
    const base = await pixelsOf(fixture(SCENE));
    const half = await encode(
      mapPixels(base, (v) => 128 + (v - 128) * 0.5),
      95,
    );
    const full = await encode(base, 95);
    const a = checkBlur(await frameOf(full), T.blur).metrics.edgeSigma;
    const b = checkBlur(await frameOf(half), T.blur).metrics.edgeSigma;
    expect(Math.abs(a - b)).toBeLessThan(0.15);
  });

  it("noise estimate follows the added noise and ignores texture", async () => {
    const base = await pixelsOf(fixture("images/baboon-normal-0.jpg")); // fur everywhere
    const estimates = [];
    for (const sigma of [0, 20, 40]) {
      const gauss = gaussianSource(11);
      const noisy = await encode(
        mapPixels(base, (v) => v + sigma * gauss()),
        92,
      );
      estimates.push(checkNoise(await frameOf(noisy), T.noise).metrics.noiseSigma);
    }
    expect(estimates[0]).toBeLessThan(T.noise.minSigma);
    expect(estimates[1]).toBeGreaterThan(estimates[0]);
    expect(estimates[2]).toBeGreaterThan(estimates[1]);
  });

  it("fine texture filling the frame is told from noise by what halving the resolution does to it", async () => {
    // Fur at pixel scale leaves a residual in every block (no smooth part to measure on) that halving keeps:
    // texture. White sensor noise added to the same fur halves with the resolution and is measured.
    const fur = checkNoise(await frameOf(fixture("images/baboon-normal-0.jpg")), T.noise);
    expect(fur.metrics.fineSigma).toBeGreaterThan(2);
    expect(fur.metrics.noiseSigma).toBeLessThan(0.5);
    const base = await pixelsOf(fixture("images/baboon-normal-0.jpg"));
    const gauss = gaussianSource(5);
    const noisy = checkNoise(
      await frameOf(
        await encode(
          mapPixels(base, (v) => v + 20 * gauss()),
          92,
        ),
      ),
      T.noise,
    );
    expect(noisy.abnormal).toBe(true);
    expect(noisy.metrics.coarseSigma).toBeLessThan(0.7 * noisy.metrics.fineSigma);
  });

  it("horizontal bands with a 12 px period are a stripe, whatever the scene", async () => {
    const base = await pixelsOf(fixture(SCENE));
    const banded = mapPixels(base, (v, _c, _x, y) => v * (0.8 + 0.2 * Math.sin((2 * Math.PI * y) / 12)));
    const result = checkStripe(await frameOf(await encode(banded)), T.stripe);
    expect(result.abnormal).toBe(true);
    expect(result.metrics.vertical).toBe(0);
    expect(result.metrics.period).toBeCloseTo(6, 0); // 12 source px = 6 work-plane px
    expect(checkStripe(await frameOf(fixture("images/building-normal-0.jpg")), T.stripe).abnormal).toBe(false);
  });

  it("a frame under 640 px wide (decoded at full size) finds the same source periods: 24 px bands at 512 px", async () => {
    const small = await pixelsOf(await sharp(fixture(SCENE)).resize(512, 416, { fit: "fill" }).jpeg({ quality: 90 }).toBuffer());
    const healthy = checkStripe(await frameOf(await encode(small)), T.stripe);
    expect(healthy.abnormal).toBe(false);
    const banded = mapPixels(small, (v, _c, x) => v * (0.75 + 0.25 * Math.sin((2 * Math.PI * x) / 24)));
    const result = checkStripe(await frameOf(await encode(banded)), T.stripe);
    expect(result.abnormal).toBe(true);
    expect(result.metrics.vertical).toBe(1);
    expect(result.metrics.period).toBeCloseTo(24, 0); // one source px per work-plane px below 640 wide
  });

  it("colour cast reads per-channel gains as a shift in their direction", async () => {
    const base = await pixelsOf(fixture("images/vtest-200-normal-0.jpg")); // a lawn: green, but not cast
    const neutral = checkColorCast(await frameOf(await encode(base)), T.color_cast);
    expect(neutral.abnormal).toBe(false);
    const magenta = [1.25, 0.6, 1.25];
    const cast = checkColorCast(await frameOf(await encode(mapPixels(base, (v, c) => v * magenta[c]))), T.color_cast);
    expect(cast.abnormal).toBe(true);
    expect(cast.metrics.castRG).toBeGreaterThan(0.3);
    expect(cast.metrics.castBG).toBeGreaterThan(0.3);
  });

  it("a colourful subject is not a colour cast, with or without neutral surroundings", async () => {
    // The fruit bowl: saturated oranges, lemon and cabbage, with white pith and highlights.
    expect(checkColorCast(await frameOf(fixture("images/fruits-normal-0.jpg")), T.color_cast).abnormal).toBe(false);
    // A close-up of the orange flesh alone, filling a 704x576 frame: no neutral part at all.
    const closeUp = await sharp(fixture("images/fruits-normal-0.jpg"))
      .extract({ left: 280, top: 300, width: 280, height: 320 })
      .resize(704, 576, { fit: "fill" })
      .jpeg({ quality: 90 })
      .toBuffer();
    expect(checkColorCast(await frameOf(closeUp), T.color_cast).abnormal).toBe(false);
    // The same bowl under a yellow cast: the pith and highlights are tinted too.
    const yellow = [1.25, 0.85, 0.5];
    const cast = mapPixels(await pixelsOf(fixture("images/fruits-normal-0.jpg")), (v, c) => v * yellow[c]);
    expect(checkColorCast(await frameOf(await encode(cast)), T.color_cast).abnormal).toBe(true);
  });

  it("a frame full of sunlit grass is foliage, not a cast; the same grass under a blue cast still is one", async () => {
    // The football pitch below the player, filling a 704x576 frame: its brightest blades are short of blue with
    // red and green close, the colour of foliage under white light (this read as a cast before).
    const pitch = await sharp(fixture("images/messi5-normal-0.jpg"))
      .extract({ left: 0, top: 590, width: 480, height: 110 })
      .resize(704, 576, { fit: "fill" })
      .jpeg({ quality: 90 })
      .toBuffer();
    const grass = checkColorCast(await frameOf(pitch), T.color_cast);
    expect(grass.metrics.cast).toBeGreaterThan(T.color_cast.minCast);
    expect(grass.metrics.foliage).toBe(1);
    expect(grass.abnormal).toBe(false);
    // A white balance stuck cold lifts blue and lowers red: out of the foliage sector.
    const blue = [0.5, 0.78, 1.3];
    const cast = checkColorCast(await frameOf(await encode(mapPixels(await pixelsOf(pitch), (v, c) => v * blue[c]))), T.color_cast);
    expect(cast.metrics.foliage).toBe(0);
    expect(cast.abnormal).toBe(true);
  });
});
