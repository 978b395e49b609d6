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
    score: rampScore(sigma, 0.5, t.minSigma),
    metrics: { noiseSigma: round(sigma, 3) },
  };
}

const BLOCK = 8;
const IMMERKAER = Math.sqrt(Math.PI / 2) / 6;
const CLIP_LOW = 5;
const CLIP_HIGH = 250;
/** A quarter of a block at the clipping levels: its noise is cut off. Sparse impulses ("snow") stay under it. */
const MAX_CLIPPED_PER_BLOCK = (BLOCK * BLOCK) / 4;

export function blockNoiseSigma(gray: Uint8Array, w: number, h: number, q: number): number {
  const bw = Math.floor((w - 2) / BLOCK);
  const bh = Math.floor((h - 2) / BLOCK);
  const sigmas: number[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let residual = 0;
      let clipped = 0;
      for (let y = 1 + by * BLOCK; y < 1 + (by + 1) * BLOCK; y++) {
        for (let x = 1 + bx * BLOCK, i = y * w + x; x < 1 + (bx + 1) * BLOCK; x++, i++) {
          const r =
            gray[i - w - 1] + gray[i - w + 1] + gray[i + w - 1] + gray[i + w + 1] -
            2 * (gray[i - w] + gray[i + w] + gray[i - 1] + gray[i + 1]) + 4 * gray[i];
          residual += r < 0 ? -r : r;
          if (gray[i] <= CLIP_LOW || gray[i] >= CLIP_HIGH) clipped++;
        }
      }
      if (clipped <= MAX_CLIPPED_PER_BLOCK) sigmas.push((IMMERKAER * residual) / (BLOCK * BLOCK));
    }
  }
  return sigmas.length ? quantile(sigmas, q) : 0;
}
