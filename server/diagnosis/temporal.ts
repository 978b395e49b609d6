import "server-only";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { parseFingerprint, type Fingerprint } from "./fingerprint";
import { displacement } from "./shake";
import { quantile, rampScore, round } from "./stats";

/**
 * Freeze: the stream repeats one picture (hung encoder, stuck DVR channel). Even a camera watching an empty
 * room re-samples sensor noise every frame, so single pixels move by a level or more; a frozen stream repeats
 * them exactly (or within re-encoding rounding). The measure is the largest mean absolute sample difference
 * between this frame and any earlier one: all of them must be near-identical.
 */
export function checkFreeze(current: Fingerprint, history: Fingerprint[], t: Thresholds["freeze"]): CheckResult {
  const comparable = history.filter((h) => h.w === current.w && h.h === current.h);
  if (comparable.length < t.minHistory) return notJudged("freeze", comparable.length);
  const maxDifference = Math.max(...comparable.map((h) => meanAbsDiff(current.samples, h.samples)));
  return {
    code: "freeze",
    abnormal: maxDifference <= t.maxDifference,
    score: rampScore(maxDifference, 4, t.maxDifference, 0),
    metrics: { maxSampleDifference: round(maxDifference, 3), framesCompared: comparable.length },
  };
}

/**
 * Scene change: the camera was turned, knocked or swapped. The layout thumbnails are normalised to zero mean
 * and unit variance (so exposure and day/night gain changes cancel) and compared by correlation; distance is
 * 1 - correlation. Abnormal when this frame is far from every earlier frame, and the jump is several times
 * the typical change between consecutive earlier frames (a busy scene, e.g. traffic or a hand waving in front
 * of the lens, changes a lot all the time and is not a new view).
 *
 * A camera knocked or turned a little still sees most of the same scene, so its layout barely changes; what
 * changes is where everything is. So the frame is also a new view when the whole picture is displaced from
 * every earlier frame by at least minMoveShift work-plane px (the shift shake measures on the fingerprints'
 * profiles) while the earlier frames were not displaced from one another: a single move that stays. Repeated
 * moves are shake (which explains this finding).
 */
export function checkSceneChange(
  current: Fingerprint,
  history: Fingerprint[],
  t: Thresholds["scene_change"],
  shake: Thresholds["shake"],
): CheckResult {
  const layouts = history.map((h) => normalise(h.thumbnail)).filter((v): v is Float64Array => v !== undefined);
  if (layouts.length === 0) return notJudged("scene_change", 0);
  const now = normalise(current.thumbnail);
  if (!now) return notJudged("scene_change", layouts.length);
  const distance = Math.min(...layouts.map((h) => 1 - correlation(now, h)));
  const steps = layouts.slice(1).map((h, i) => 1 - correlation(layouts[i], h));
  const typicalStep = steps.length ? quantile(steps, 0.5) : 0;
  const jumpRatio = distance / Math.max(typicalStep, MIN_STEP);
  const newLayout = distance >= t.minDistance && jumpRatio >= t.minJumpRatio;
  const moveShift = singleMove(current, history, shake);
  const moved = moveShift >= t.minMoveShift;
  return {
    code: "scene_change",
    abnormal: newLayout || moved,
    score: Math.max(
      Math.min(rampScore(distance, 0, t.minDistance, 1), rampScore(jumpRatio, 1, t.minJumpRatio, 4 * t.minJumpRatio)),
      rampScore(moveShift, 0, t.minMoveShift, 4 * t.minMoveShift),
    ),
    metrics: {
      distance: round(distance),
      typicalStep: round(typicalStep),
      jumpRatio: round(jumpRatio, 2),
      moveShift: round(moveShift, 2),
      framesCompared: layouts.length,
    },
  };
}

/**
 * How far (work-plane px) the picture moved once and stayed: the smallest displacement of this frame from any
 * earlier one, or 0 when the earlier frames already moved among themselves (that is shake's to judge) or the
 * fingerprints carry no profiles (version 1).
 */
function singleMove(current: Fingerprint, history: Fingerprint[], t: Thresholds["shake"]): number {
  const earlier = history.filter((f) => f.profiles && f.w === current.w && f.h === current.h);
  if (!current.profiles || earlier.length === 0) return 0;
  for (let i = 1; i < earlier.length; i++) if (displacement(earlier[i - 1], earlier[i], t) >= t.minShift) return 0;
  return Math.min(...earlier.map((f) => displacement(f, current, t)));
}

/** Floor for the typical step so a perfectly still history does not make any change an infinite jump. */
const MIN_STEP = 0.01;

export function parseHistory(history: Buffer[] | undefined): Fingerprint[] {
  return (history ?? []).map(parseFingerprint).filter((f): f is Fingerprint => f !== undefined);
}

function notJudged(code: "freeze" | "scene_change", frames: number): CheckResult {
  return { code, abnormal: false, score: 0, metrics: { framesCompared: frames } };
}

function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** Zero-mean unit-variance copy; undefined for a flat thumbnail (no layout to compare). */
function normalise(values: Uint8Array): Float64Array | undefined {
  // Indexed loops: iterating a typed array with for-of or Float64Array.from(values, fn) is several times slower.
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  const mean = sum / n;
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += (values[i] - mean) ** 2;
  const std = Math.sqrt(sumSq / n);
  if (std < MIN_LAYOUT_STD) return undefined;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (values[i] - mean) / std;
  return out;
}

/** Below this (luma levels) a thumbnail is a flat field: a signal-loss screen or a capped lens. */
const MIN_LAYOUT_STD = 2;

function correlation(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot / a.length;
}
