import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { histogramMeanStd, histogramPercentile, rampScore, round } from "./stats";

/**
 * Exposure from the luma histogram. A frame is too dark when even its bright end (98th percentile) stays low:
 * a dark night scene with lit lamps or windows keeps a bright end and is not an exposure fault. A frame is too
 * bright when its mean is high and a large share of it is blown out (see blownOut); a bright but correctly
 * exposed scene, such as a white facade in sun, keeps most of it under the clipping level.
 */
export function checkTooDark(frame: Frame, t: Thresholds["too_dark"]): CheckResult {
  const { mean } = histogramMeanStd(frame.histogram);
  const p98 = histogramPercentile(frame.histogram, 0.98);
  const abnormal = p98 <= t.maxBrightLuma && mean <= t.maxMeanLuma;
  const score = Math.min(rampScore(p98, 200, t.maxBrightLuma, 0), rampScore(mean, 120, t.maxMeanLuma, 0));
  return { code: "too_dark", abnormal, score, metrics: { meanLuma: round(mean, 2), brightLuma: p98 } };
}

export function checkTooBright(frame: Frame, t: Thresholds["too_bright"]): CheckResult {
  const { mean } = histogramMeanStd(frame.histogram);
  const blownFraction = blownOut(frame, t.blownLevel);
  const abnormal = mean >= t.minMeanLuma && blownFraction >= t.minBlownFraction;
  const score = Math.min(rampScore(mean, 110, t.minMeanLuma, 255), rampScore(blownFraction, 0, t.minBlownFraction, 1));
  return { code: "too_bright", abnormal, score, metrics: { meanLuma: round(mean, 2), blownFraction: round(blownFraction) } };
}

/**
 * Share of pixels with at least two channels at or above `level`. An overexposed sky turns cyan, skin and
 * walls turn yellow or white, so saturation shows in the channels before it shows in luma; a vivid but
 * correctly exposed colour clips one channel at most.
 */
function blownOut({ rgb, w, h }: Frame, level: number): number {
  // Every third row and column: an area share needs no more.
  let blown = 0;
  let count = 0;
  for (let y = 0; y < h; y += 3) {
    for (let j = 3 * y * w, end = 3 * (y + 1) * w; j < end; j += 9) {
      const clipped = (rgb[j] >= level ? 1 : 0) + (rgb[j + 1] >= level ? 1 : 0) + (rgb[j + 2] >= level ? 1 : 0);
      if (clipped >= 2) blown++;
      count++;
    }
  }
  return count ? blown / count : 0;
}
