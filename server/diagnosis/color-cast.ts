import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { histogramPercentile, rampScore, round } from "./stats";

/**
 * Colour cast (wrong white balance, failed IR-cut filter, a faulty colour channel): the light or the sensor
 * tints the WHOLE scene, whites and greys included. A colourful subject (an orange, a red car, a lawn, a
 * cartoon) is not a cast, so the check looks at what should be neutral, never at the average colour:
 *
 * 1. White patch: the brightest surfaces (99.5th percentile per channel). A healthy picture nearly always has
 *    a highlight, a white or a sky that stays neutral, whatever its subject; under a cast they are tinted.
 *    This is the cast's size and direction (`cast`, `castRG`, `castBG`).
 * 2. Regional greys, the evidence that the whole scene is tinted: the frame is cut into GRID x GRID regions,
 *    and in each the less saturated half of its mid-luma pixels gives a chromaticity. A cast moves every
 *    region the same way; a colourful subject with grey surroundings leaves some regions neutral.
 *    `regionalShift` is how far the least shifted quarter of the regions still is along their common
 *    direction: it must be at least minRegionalShift.
 *
 * Units are log-chromaticity (ln R/G, ln B/G), where channel gains are a plain shift: 0.5 means the channels
 * are off by about e^0.5 = 1.65x. When even the greyest regions sit further from grey than a white-balance
 * fault moves a grey (maxNeutralShift), the frame has no neutral evidence at all: its colour is the
 * subject's (a flower or a leaf filling the frame), and the check stays silent rather than guess.
 */
export function checkColorCast(frame: Frame, t: Thresholds["color_cast"]): CheckResult {
  const { regional, regions } = regionalNeutralShift(frame);
  const white = whitePatch(frame);
  const cast = Math.hypot(white.rg, white.bg);
  const wholeScene = regional >= t.minRegionalShift && regional <= t.maxNeutralShift;
  const score = rampScore(cast, 0.05, t.minCast, 1);
  return {
    code: "color_cast",
    abnormal: cast >= t.minCast && wholeScene,
    // Without whole-scene evidence the score stays below the abnormal mark whatever the whites say.
    score: wholeScene ? score : Math.min(score, 0.45),
    metrics: {
      cast: round(cast),
      castRG: round(white.rg),
      castBG: round(white.bg),
      regionalShift: round(regional),
      regions,
    },
  };
}

type Chroma = { rg: number; bg: number };

/** Regions per side. 4x4 keeps a subject that fills a quarter of the frame out of most regions. */
const GRID = 4;
/** Every SAMPLE_STEP-th row and column: a cast is a property of the whole frame. */
const SAMPLE_STEP = 2;
/** Mid luma only: dark pixels carry sensor noise in their ratios, bright ones may be clipped. */
const MIN_LUMA = 40;
const MAX_LUMA = 225;
const CLIP = 250;
/** Share of a region's mid pixels taken as its grey candidates (the less saturated half). */
const NEUTRAL_SHARE = 0.5;
/** A region needs this many mid pixels to say anything; a frame needs MIN_REGIONS such regions. */
const MIN_REGION_PIXELS = 30;
const MIN_REGIONS = 4;
/** Share of regions allowed to be less shifted than the reported figure (the least shifted quarter). */
const REGION_QUANTILE = 0.25;

/** ln(v + 1) for every 8-bit value: the per-pixel logarithms become a table look-up. */
const LN = Float64Array.from({ length: 256 }, (_, v) => Math.log(v + 1));

function regionalNeutralShift(frame: Frame): { regional: number; regions: number } {
  const { rgb, gray, w, h } = frame;
  const cells: Array<{ rg: number[]; bg: number[] }> = Array.from({ length: GRID * GRID }, () => ({ rg: [], bg: [] }));
  for (let y = 0; y < h; y += SAMPLE_STEP) {
    const row = Math.min(GRID - 1, Math.floor((y * GRID) / h)) * GRID;
    for (let x = 0; x < w; x += SAMPLE_STEP) {
      const p = y * w + x;
      const luma = gray[p];
      if (luma < MIN_LUMA || luma > MAX_LUMA) continue;
      const j = 3 * p;
      const r = rgb[j],
        g = rgb[j + 1],
        b = rgb[j + 2];
      if (r >= CLIP || g >= CLIP || b >= CLIP) continue;
      const cell = cells[row + Math.min(GRID - 1, Math.floor((x * GRID) / w))];
      cell.rg.push(LN[r] - LN[g]);
      cell.bg.push(LN[b] - LN[g]);
    }
  }
  const estimates: Chroma[] = [];
  for (const cell of cells) {
    const n = cell.rg.length;
    if (n < MIN_REGION_PIXELS) continue;
    const saturation = new Float64Array(n);
    for (let i = 0; i < n; i++) saturation[i] = Math.hypot(cell.rg[i], cell.bg[i]);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => saturation[a] - saturation[b]);
    const take = order.slice(0, Math.max(1, Math.ceil(n * NEUTRAL_SHARE)));
    estimates.push({ rg: median(take.map((i) => cell.rg[i])), bg: median(take.map((i) => cell.bg[i])) });
  }
  if (estimates.length < MIN_REGIONS) return { regional: 0, regions: estimates.length };
  const mean = {
    rg: estimates.reduce((s, e) => s + e.rg, 0) / estimates.length,
    bg: estimates.reduce((s, e) => s + e.bg, 0) / estimates.length,
  };
  const length = Math.hypot(mean.rg, mean.bg);
  if (length === 0) return { regional: 0, regions: estimates.length };
  const direction = { rg: mean.rg / length, bg: mean.bg / length };
  const shifts = estimates.map((e) => e.rg * direction.rg + e.bg * direction.bg).sort((a, b) => a - b);
  return { regional: shifts[Math.floor(REGION_QUANTILE * (shifts.length - 1))], regions: estimates.length };
}

function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function whitePatch(frame: Frame): Chroma {
  const { rgb, w, h } = frame;
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let y = 0; y < h; y += SAMPLE_STEP) {
    for (let j = 3 * y * w, end = 3 * (y + 1) * w; j < end; j += 3 * SAMPLE_STEP) {
      hist[0][rgb[j]]++;
      hist[1][rgb[j + 1]]++;
      hist[2][rgb[j + 2]]++;
    }
  }
  const [r, g, b] = hist.map((channel) => histogramPercentile(channel, 0.995));
  return { rg: LN[r] - LN[g], bg: LN[b] - LN[g] };
}
