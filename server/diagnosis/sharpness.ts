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

export function edgeBlur(gray: Uint8Array, w: number, h: number): number {
  const blurred = binomialBlur(gray, w, h);
  const sharpEnergy = new Float32Array(w * h);
  const blurredEnergy = new Float32Array(w * h);
  const histogram = new Uint32Array(MAX_GRADIENT * BINS_PER_LEVEL);
  let count = 0;
  // Skip a 2 px border where the re-blur is clamped.
  for (let y = 2; y < h - 3; y++) {
    for (let x = 2, i = y * w + 2; x < w - 3; x++, i++) {
      const gx = gray[i + 1] - gray[i];
      const gy = gray[i + w] - gray[i];
      const hx = blurred[i + 1] - blurred[i];
      const hy = blurred[i + w] - blurred[i];
      sharpEnergy[i] = gx * gx + gy * gy;
      const e = hx * hx + hy * hy;
      blurredEnergy[i] = e;
      histogram[Math.min(histogram.length - 1, Math.floor(Math.sqrt(e) * BINS_PER_LEVEL))]++;
      count++;
    }
  }
  const cut = strongEdgeCut(histogram, count);
  let sharp = 0;
  let reblurred = 0;
  for (let i = 0; i < blurredEnergy.length; i++) {
    if (blurredEnergy[i] >= cut && blurredEnergy[i] > 0) {
      sharp += sharpEnergy[i];
      reblurred += blurredEnergy[i];
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

/** Separable binomial 5-tap blur, float output (rounding would add quantisation "edges"). */
function binomialBlur(src: Uint8Array, w: number, h: number): Float32Array {
  const tmp = new Float32Array(w * h);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const a = src[row + Math.max(0, x - 2)], b = src[row + Math.max(0, x - 1)], c = src[row + x];
      const d = src[row + Math.min(w - 1, x + 1)], e = src[row + Math.min(w - 1, x + 2)];
      tmp[row + x] = (a + 4 * b + 6 * c + 4 * d + e) / 16;
    }
  }
  for (let y = 0; y < h; y++) {
    const ya = Math.max(0, y - 2) * w, yb = Math.max(0, y - 1) * w, yc = y * w;
    const yd = Math.min(h - 1, y + 1) * w, ye = Math.min(h - 1, y + 2) * w;
    for (let x = 0; x < w; x++) {
      out[yc + x] = (tmp[ya + x] + 4 * tmp[yb + x] + 6 * tmp[yc + x] + 4 * tmp[yd + x] + tmp[ye + x]) / 16;
    }
  }
  return out;
}
