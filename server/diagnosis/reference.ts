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
 * allowance (sensor noise, the light of the day) or a share of the reference value, whichever is
 * larger. Outside it the absolute verdict stands: a real change still fires.
 */
const CLOSE: Partial<Record<FindingCode, Record<string, { abs: number; rel: number }>>> = {
  color_cast: { castRG: { abs: 0.08, rel: 0.2 }, castBG: { abs: 0.08, rel: 0.2 } },
  too_dark: { meanLuma: { abs: 8, rel: 0.25 } },
  too_bright: { meanLuma: { abs: 10, rel: 0.05 }, blownFraction: { abs: 0.05, rel: 0.25 } },
  low_contrast: { lumaSpread: { abs: 10, rel: 0.2 }, rmsContrast: { abs: 4, rel: 0.2 } },
  blur: { edgeSigma: { abs: 0.3, rel: 0.25 } },
};
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
    return taught !== undefined && !checkSceneChange(current, [taught], t.scene_change).abnormal;
  }
  const taught = reference.checks[code];
  if (!taught) return false;
  const measures = Object.entries(CLOSE[code] ?? {}).filter(([m]) => m in check.metrics && typeof taught.metrics?.[m] === "number");
  if (measures.length === 0) return typeof taught.score === "number" && Math.abs(check.score - taught.score) <= SCORE_ALLOWANCE;
  return measures.every(([m, { abs, rel }]) => {
    const was = taught.metrics![m];
    return Math.abs(check.metrics[m] - was) <= Math.max(abs, rel * Math.abs(was));
  });
}
