import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { rampScore, round } from "./stats";

/**
 * Blur (defocus, dirty or fogged lens) as an equivalent Gaussian edge blur in work-plane pixels.
 *
 * For an ideal step edge blurred by sigma, the summed squared gradient across it falls as 1/sigma. Blurring
 * the frame once more by a known s turns that into 1/sqrt(sigma^2 + s^2), so the ratio r of the two energies
 * gives sigma = s / sqrt(r^2 - 1) without knowing edge heights: the measure does not depend on how much
 * contrast or how many edges the scene has, only on how wide its edges are. Only the strongest edges are used
 * (top EDGE_FRACTION of the re-blurred gradient): they are real object borders, whereas weak gradients are
 * dominated by sensor noise and JPEG block seams, which look sharp even in a defocused frame.
 */
export function checkBlur(frame: Frame, t: Thresholds["blur"]): CheckResult {
  const sigma = edgeBlur(frame.gray, frame.w, frame.h);
  return {
    code: "blur",
    abnormal: sigma >= t.minEdgeSigma,
    score: rampScore(sigma, 0.4, t.minEdgeSigma),
    metrics: { edgeSigma: round(sigma, 3) },
  };
}

/** Known extra blur: binomial [1 4 6 4 1]/16 has sigma 1. */
const REBLUR_SIGMA = 1;
const EDGE_FRACTION = 0.05;
const BINS_PER_LEVEL = 4;
const MAX_GRADIENT = 512;
/** The binomial kernel is applied in integers: 16 x 16 = 256 times the luma scale. */
const BLUR_SCALE = 256;

export function edgeBlur(gray: Uint8Array, w: number, h: number): number {
  if (w < 8 || h < 8) return Infinity;
  const blurred = binomialBlur(gray, w, h);
  const sharpEnergy = new Float32Array(w * h);
  const blurredEnergy = new Float32Array(w * h);
  const histogram = new Uint32Array(MAX_GRADIENT * BINS_PER_LEVEL);
  const lastBin = histogram.length - 1;
  let count = 0;
  // Pixels whose re-blurred neighbours are all computed (a 2 px border is left out).
  for (let y = 2; y < h - 3; y++) {
    for (let i = y * w + 2, end = y * w + w - 3; i < end; i++) {
      const gx = gray[i + 1] - gray[i];
      const gy = gray[i + w] - gray[i];
      const hx = (blurred[i + 1] - blurred[i]) / BLUR_SCALE;
      const hy = (blurred[i + w] - blurred[i]) / BLUR_SCALE;
      const e = hx * hx + hy * hy;
      sharpEnergy[i] = gx * gx + gy * gy;
      blurredEnergy[i] = e;
      const bin = (Math.sqrt(e) * BINS_PER_LEVEL) | 0;
      histogram[bin < lastBin ? bin : lastBin]++;
      count++;
    }
  }
  const cut = strongEdgeCut(histogram, count);
  let sharp = 0;
  let reblurred = 0;
  for (let i = 0; i < blurredEnergy.length; i++) {
    const e = blurredEnergy[i];
    if (e >= cut && e > 0) {
      sharp += sharpEnergy[i];
      reblurred += e;
    }
  }
  if (reblurred <= 0) return Infinity; // a flat frame has no edge to judge
  const r = sharp / reblurred;
  return r <= 1.0001 ? Infinity : REBLUR_SIGMA / Math.sqrt(r * r - 1);
}

/** Squared gradient above which the top EDGE_FRACTION of pixels lie. */
function strongEdgeCut(histogram: Uint32Array, count: number): number {
  let above = 0;
  for (let bin = histogram.length - 1; bin >= 0; bin--) {
    above += histogram[bin];
    if (above >= EDGE_FRACTION * count) return (bin / BINS_PER_LEVEL) ** 2;
  }
  return 0;
}

/**
 * Separable binomial 5-tap blur in integers (x BLUR_SCALE, so no rounding is lost), computed only where all
 * five taps are inside the frame: columns 2..w-3 of rows 2..h-3. The rest stays 0 and is never read.
 */
function binomialBlur(src: Uint8Array, w: number, h: number): Int32Array {
  const tmp = new Int32Array(w * h);
  const out = new Int32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let i = y * w + 2, end = y * w + w - 2; i < end; i++) {
      tmp[i] = src[i - 2] + 4 * (src[i - 1] + src[i + 1]) + 6 * src[i] + src[i + 2];
    }
  }
  const w2 = 2 * w;
  for (let y = 2; y < h - 2; y++) {
    for (let i = y * w + 2, end = y * w + w - 2; i < end; i++) {
      out[i] = tmp[i - w2] + 4 * (tmp[i - w] + tmp[i + w]) + 6 * tmp[i] + tmp[i + w2];
    }
  }
  return out;
}
