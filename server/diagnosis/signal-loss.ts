import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { rampScore, round } from "./stats";

/**
 * Signal loss: the encoder or DVR sends a generated solid screen (blue, black, gray), maybe with a
 * "NO SIGNAL" caption. Such a frame is flat to within JPEG rounding, which even a very dark real scene is not,
 * so the test is the largest share of pixels within a few luma levels of one value; the caption is small.
 */
export function checkSignalLoss(frame: Frame, t: Thresholds["signal_loss"]): CheckResult {
  const peak = histogramPeak(frame.histogram, t.tolerance);
  // A flat frame at the clipping level is a blown-out exposure (too_bright), not a generated screen.
  const abnormal = peak.fraction >= t.minUniformFraction && peak.level < CLIPPED_LUMA;
  return {
    code: "signal_loss",
    abnormal,
    score: peak.level < CLIPPED_LUMA ? rampScore(peak.fraction, 0.1, t.minUniformFraction, 1) : 0,
    metrics: { uniformFraction: round(peak.fraction), uniformLuma: peak.level },
  };
}

const CLIPPED_LUMA = 250;

/** Largest fraction of the histogram inside any window of +-tolerance levels, and that window's centre. */
function histogramPeak(histogram: Uint32Array, tolerance: number): { fraction: number; level: number } {
  let total = 0;
  for (let v = 0; v < 256; v++) total += histogram[v];
  if (!total) return { fraction: 0, level: 0 };
  const width = 2 * tolerance + 1;
  let window = 0;
  let best = 0;
  let level = 0;
  for (let v = 0; v < 256 + tolerance; v++) {
    if (v < 256) window += histogram[v];
    if (v - width >= 0) window -= histogram[v - width];
    if (window > best) {
      best = window;
      level = Math.min(255, Math.max(0, v - tolerance));
    }
  }
  return { fraction: best / total, level };
}
