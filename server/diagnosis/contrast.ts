import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { histogramMeanStd, histogramPercentile, rampScore, round } from "./stats";

/**
 * Low contrast (fog, dirty dome, washed-out video): the luma spread between the 2nd and 98th percentiles.
 * Percentiles rather than min/max so a caption, a lamp or a few hot pixels cannot make a flat frame pass.
 */
export function checkLowContrast(frame: Frame, t: Thresholds["low_contrast"]): CheckResult {
  const spread = histogramPercentile(frame.histogram, 0.98) - histogramPercentile(frame.histogram, 0.02);
  const { std } = histogramMeanStd(frame.histogram);
  const abnormal = spread <= t.maxSpread;
  return {
    code: "low_contrast",
    abnormal,
    score: rampScore(spread, 180, t.maxSpread, 0),
    metrics: { lumaSpread: spread, rmsContrast: round(std, 2) },
  };
}
