import "server-only";
import type { FindingCode } from "@/shared/finding-codes";
import { parseFingerprint, type Fingerprint } from "./fingerprint";
import { checkSceneChange } from "./temporal";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";

/**
 * A camera's taught normal ("设为基准画面"): the checks of a frame someone marked as how this camera
 * looks (a sodium-lit street, an orange wall, a dark tunnel) and that frame's fingerprint.
 */
export interface FrameReference {
  checks: Partial<Record<string, { score?: number; metrics?: Record<string, number> }>>;
  fingerprint?: Buffer | null;
}

/** The checks a reference can speak for: measures on which a camera may legitimately sit apart from others. */
export const REFERENCE_CHECKS: readonly FindingCode[] = [
  "color_cast",
  "too_dark",
  "too_bright",
  "low_contrast",
  "blur",
  "scene_change",
  "shake",
];

/**
 * How far a measure may move from the reference and still be "this camera's normal": an absolute
 * allowance or a share of the reference value, whichever is larger. Outside it the absolute verdict
 * stands: a real change still fires.
 *
 * Measured, not chosen: `npx tsx bench/reference-allowances.ts` prints them (two significant digits here).
 * A scale measure's share is the geometric mean of how far it moves between frames of one healthy camera
 * and how far the public set's smallest fault of that check moves it, and its absolute part the largest
 * healthy move (a floor near zero); the colour measures are log-chromaticity, where a gain is a shift, so
 * theirs is absolute only (the same geometric mean on absolute moves). Re-run the bench when a check's
 * measures change.
 */
const CLOSE: Partial<Record<FindingCode, Record<string, { abs: number; rel: number }>>> = {
  color_cast: { castRG: { abs: 0.043, rel: 0 }, castBG: { abs: 0.061, rel: 0 } },
  too_dark: { meanLuma: { abs: 11, rel: 0.24 } },
  too_bright: { meanLuma: { abs: 11, rel: 0.2 }, blownFraction: { abs: 0.09, rel: 2.2 } },
  low_contrast: { lumaSpread: { abs: 6, rel: 0.16 }, rmsContrast: { abs: 8.6, rel: 0.37 } },
  blur: { edgeSigma: { abs: 0.018, rel: 0.46 } },
};
/**
 * Shake is judged on the sway itself, one-sided: a mount taught while swaying stays normal while its median
 * displacement is no more than the taught one plus the larger of minShift and this share of it; a
 * stronger sway fires. Comparing scores could not tell: the score saturates at 1 for any strong shake, so a
 * taught score of 1 would hide every larger sway. The share is how much one shaking camera's median
 * displacement varies between windows of its own frames (bench/reference-allowances.ts, shake sequences).
 */
const SHAKE_SHARE = 0.36;
/** The measures each check compares with its reference (bench/reference-allowances.ts measures them). */
export const REFERENCE_MEASURES = Object.fromEntries(Object.entries(CLOSE).map(([code, m]) => [code, Object.keys(m!)])) as Partial<
  Record<FindingCode, string[]>
>;
/** Checks without named measures (or whose measures a newer engine renamed) compare their scores. */
const SCORE_ALLOWANCE = 0.1;

/**
 * Judges the frame relative to the reference AS WELL AS absolutely: an abnormal check is cleared only
 * when the frame is close to the reference on that measure. A cleared check keeps its metrics, gets
 * `reference: 1` and a score below 0.5 (so score and verdict still agree). Mutates `checks`.
 */
export function judgeAgainstReference(
  checks: Partial<Record<FindingCode, CheckResult>>,
  current: Fingerprint,
  reference: FrameReference,
  thresholds: Thresholds,
): void {
  for (const code of REFERENCE_CHECKS) {
    const check = checks[code];
    if (!check?.abnormal || !closeToReference(code, check, current, reference, thresholds)) continue;
    check.abnormal = false;
    check.score = Math.min(check.score, 0.49);
    check.metrics = { ...check.metrics, reference: 1 };
  }
}

function closeToReference(code: FindingCode, check: CheckResult, current: Fingerprint, reference: FrameReference, t: Thresholds): boolean {
  if (code === "scene_change") {
    // The same view as the taught frame: the camera came back to its normal position, not a new scene.
    const taught = reference.fingerprint ? parseFingerprint(reference.fingerprint) : undefined;
    return taught !== undefined && !checkSceneChange(current, [taught], t.scene_change, t.shake).abnormal;
  }
  const taught = reference.checks[code];
  if (!taught) return false;
  if (code === "shake") {
    const was = taught.metrics?.medianShift;
    const now = check.metrics.medianShift;
    return typeof was === "number" && typeof now === "number" && now <= was + Math.max(t.shake.minShift, SHAKE_SHARE * was);
  }
  const measures = Object.entries(CLOSE[code] ?? {}).filter(([m]) => m in check.metrics && typeof taught.metrics?.[m] === "number");
  if (measures.length === 0) return typeof taught.score === "number" && Math.abs(check.score - taught.score) <= SCORE_ALLOWANCE;
  return measures.every(([m, { abs, rel }]) => {
    const was = taught.metrics![m];
    return Math.abs(check.metrics[m] - was) <= Math.max(abs, rel * Math.abs(was));
  });
}
