import "server-only";
import { COLUMN_BINS, ROW_BINS, type Fingerprint } from "./fingerprint";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { rampScore, round } from "./stats";

/**
 * Shake (抖动): a loose or vibrating mount moves the whole picture from frame to frame. Between consecutive
 * frames the global displacement is measured on the column and row luma profiles of their fingerprints (a
 * shift of the picture shifts them; moving people change them only locally). A step counts as a move when
 * the displacement is well above what sensor noise and re-encoding produce and the shift explains most of
 * the change between the two profiles (a different scene is not a shifted one). Shake needs repeated moves:
 * a camera knocked once and staying put is a scene change, a frozen one does not move at all.
 */
export function checkShake(current: Fingerprint, history: Fingerprint[], t: Thresholds["shake"]): CheckResult {
  const frames = [...history, current].filter((f) => f.profiles && f.w === current.w && f.h === current.h);
  if (frames.length < t.minSteps + 1)
    return { code: "shake", abnormal: false, score: 0, metrics: { stepsCompared: Math.max(0, frames.length - 1) } };
  const moves = frames.slice(1).map((f, i) => displacement(frames[i], f, t));
  const moving = moves.filter((d) => d >= t.minShift).length;
  const movingShare = moving / moves.length;
  const sorted = [...moves].sort((a, b) => a - b);
  const medianShift = sorted[Math.floor(sorted.length / 2)];
  const abnormal = moving >= t.minSteps && movingShare >= t.minMovingShare;
  return {
    code: "shake",
    abnormal,
    score: Math.min(rampScore(movingShare, 0, t.minMovingShare, 1), rampScore(medianShift, 0, t.minShift, 4 * t.minShift)),
    metrics: {
      movingSteps: moving,
      movingShare: round(movingShare, 3),
      stepsCompared: moves.length,
      medianShift: round(medianShift, 2),
      maxShift: round(sorted[sorted.length - 1], 2),
    },
  };
}

/**
 * Displacement (work-plane px) of `b` against `a`, 0 when the best shift does not explain the change: the
 * larger of the horizontal and vertical shifts that pass that test.
 */
export function displacement(a: Fingerprint, b: Fingerprint, t: Thresholds["shake"]): number {
  const x = profileShift(a.profiles!.columns, b.profiles!.columns, t);
  const y = profileShift(a.profiles!.rows, b.profiles!.rows, t);
  const dx = x.explained >= t.minExplained ? Math.abs(x.shift) * (a.w / COLUMN_BINS) : 0;
  const dy = y.explained >= t.minExplained ? Math.abs(y.shift) * (a.h / ROW_BINS) : 0;
  return Math.max(dx, dy);
}

/** Profile detail is compared after removing what is smoother than this (bins): exposure drift and gradients. */
const DETAIL_RADIUS = 8;
/** Largest shift searched, as a share of the profile: 10 % of the frame. */
const MAX_SHIFT_SHARE = 0.1;

/**
 * Sub-bin shift of profile b against a minimising the mean absolute difference of their normalised detail,
 * and the share of the unshifted difference that the shift removes.
 */
export function profileShift(a: Float64Array, b: Float64Array, t: Thresholds["shake"]): { shift: number; explained: number } {
  const da = detail(a);
  const db = detail(b);
  if (!da || !db) return { shift: 0, explained: 0 };
  const n = da.length;
  const maxShift = Math.round(n * MAX_SHIFT_SHARE);
  const costs = new Float64Array(2 * maxShift + 1);
  for (let s = -maxShift; s <= maxShift; s++) {
    let sum = 0,
      count = 0;
    for (let i = DETAIL_RADIUS + maxShift; i < n - DETAIL_RADIUS - maxShift; i++) {
      sum += Math.abs(da[i] - db[i + s]);
      count++;
    }
    costs[s + maxShift] = sum / Math.max(1, count);
  }
  let best = maxShift;
  for (let k = 0; k < costs.length; k++) if (costs[k] < costs[best]) best = k;
  const still = costs[maxShift];
  if (best === maxShift || still <= t.minProfileChange) return { shift: 0, explained: 0 };
  // Parabola through the minimum and its neighbours for the sub-bin position.
  let offset = 0;
  if (best > 0 && best < costs.length - 1) {
    const [l, c, r] = [costs[best - 1], costs[best], costs[best + 1]];
    const curvature = l - 2 * c + r;
    if (curvature > 0) offset = (0.5 * (l - r)) / curvature;
  }
  return { shift: best - maxShift + offset, explained: 1 - costs[best] / still };
}

/**
 * A profile's detail is needed once per comparison it takes part in (with the frame before and after it, and
 * with every earlier frame for scene_change), so it is kept with the profile's array.
 */
const details = new WeakMap<Float64Array, Float64Array | null>();

/** Profile minus its moving average, scaled to unit spread; undefined for a profile without detail. */
function detail(profile: Float64Array): Float64Array | undefined {
  let out = details.get(profile);
  if (out === undefined) {
    out = computeDetail(profile);
    details.set(profile, out);
  }
  return out ?? undefined;
}

function computeDetail(profile: Float64Array): Float64Array | null {
  const n = profile.length;
  const out = new Float64Array(n);
  // Running sum over the window [i - RADIUS, i + RADIUS] clipped to the profile (profiles are multiples of
  // 1/64, so the sums are exact).
  let sum = 0;
  for (let j = 0; j <= Math.min(n - 1, DETAIL_RADIUS); j++) sum += profile[j];
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - DETAIL_RADIUS);
    const hi = Math.min(n - 1, i + DETAIL_RADIUS);
    out[i] = profile[i] - sum / (hi - lo + 1);
    if (i + DETAIL_RADIUS + 1 < n) sum += profile[i + DETAIL_RADIUS + 1];
    if (i - DETAIL_RADIUS >= 0) sum -= profile[i - DETAIL_RADIUS];
  }
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += out[i] * out[i];
  const std = Math.sqrt(sumSq / n);
  if (std < MIN_DETAIL) return null;
  for (let i = 0; i < n; i++) out[i] /= std;
  return out;
}

/** Below this (luma levels) a profile has no detail to align: a flat field. */
const MIN_DETAIL = 0.25;
