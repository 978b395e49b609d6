import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { quantile, rampScore, round } from "./stats";

/**
 * Noise (sensor noise at high gain, "snow" from a bad analog link) with Immerkaer's estimator: the 3x3 kernel
 * [1 -2 1; -2 4 -2; 1 -2 1] cancels any locally linear image content, leaving mostly noise, and for Gaussian
 * noise sigma = sqrt(pi/2)/6 * mean|response|. Texture and edges leak into the response too, so it is averaged
 * per block and a low percentile of the blocks is taken: every frame has some smooth parts (sky, walls, road),
 * and noise, unlike texture, covers them too. Blocks that are largely clipped are skipped: clipping hides noise.
 */
export function checkNoise(frame: Frame, t: Thresholds["noise"]): CheckResult {
  const sigma = blockNoiseSigma(frame.gray, frame.w, frame.h, t.blockQuantile);
  return {
    code: "noise",
    abnormal: sigma >= t.minSigma,
    score: rampScore(sigma, 0.5, t.minSigma, 3 * t.minSigma),
    metrics: { noiseSigma: round(sigma, 3) },
  };
}

const BLOCK = 8;
const BLOCK_STEP = 2;
const IMMERKAER = Math.sqrt(Math.PI / 2) / 6;
const CLIP_LOW = 5;
const CLIP_HIGH = 250;
/** A quarter of a block at the clipping levels: its noise is cut off. Sparse impulses ("snow") stay under it. */
const MAX_CLIPPED_PER_BLOCK = (BLOCK * BLOCK) / 4;

function blockNoiseSigma(gray: Uint8Array, w: number, h: number, q: number): number {
  const bw = Math.floor((w - 2) / BLOCK);
  const bh = Math.floor((h - 2) / BLOCK);
  const sigmas: number[] = [];
  // Every other block row and column: a quarter of the frame still gives hundreds of blocks.
  for (let by = 0; by < bh; by += BLOCK_STEP) {
    for (let bx = 0; bx < bw; bx += BLOCK_STEP) {
      const sigma = blockSigma(gray, w, 1 + bx * BLOCK, 1 + by * BLOCK);
      if (sigma !== undefined) sigmas.push(sigma);
    }
  }
  return sigmas.length ? quantile(sigmas, q) : 0;
}

/**
 * Immerkaer sigma of the block at (x0, y0), or undefined if it is largely clipped. The kernel is separable
 * ([1 -2 1] across, then [1 -2 1] down), so each column keeps a running window of three horizontal second
 * differences instead of reading nine pixels per output.
 */
function blockSigma(gray: Uint8Array, w: number, x0: number, y0: number): number | undefined {
  let residual = 0;
  let clipped = 0;
  for (let x = x0; x < x0 + BLOCK; x++) {
    let i = (y0 - 1) * w + x;
    let above = gray[i - 1] - 2 * gray[i] + gray[i + 1];
    i += w;
    let here = gray[i - 1] - 2 * gray[i] + gray[i + 1];
    for (let y = 0; y < BLOCK; y++) {
      const value = gray[i];
      i += w;
      const below = gray[i - 1] - 2 * gray[i] + gray[i + 1];
      const r = above - 2 * here + below;
      residual += r < 0 ? -r : r;
      if (value <= CLIP_LOW || value >= CLIP_HIGH) clipped++;
      above = here;
      here = below;
    }
  }
  return clipped <= MAX_CLIPPED_PER_BLOCK ? (IMMERKAER * residual) / (BLOCK * BLOCK) : undefined;
}
