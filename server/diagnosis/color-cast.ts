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
 *
 * 3. Foliage: sunlit grass, leaves, moss and yellow flowers reflect little blue while red and green stay
 *    balanced (chlorophyll and carotenoids absorb blue). A frame full of them has "whites" of exactly that
 *    colour under white light, and its greyest regions are foliage too. Illuminant faults tint differently:
 *    warm light or a white balance stuck warm (tungsten, sodium) raises red well above green, a cold one lifts
 *    blue, a failing channel or IR-cut filter moves red and blue together against green (green or magenta).
 *    So a moderate tint of the whites in the foliage sector (`foliage` = 1) is read as the subject; a strong
 *    one (beyond maxFoliageTint, e.g. a dead blue channel) is still a cast. The price: a yellow cast with
 *    little red gain on a grey scene lands in the sector too (4 of 36 such casts drawn with the public set's
 *    yellow gains on its scenes). Also asking the mid tones to be more saturated than the whites (petals and
 *    leaves are, their sunlit highlights are white) caught those, but called a dark forest a cast: not done.
 */
export function checkColorCast(frame: Frame, t: Thresholds["color_cast"]): CheckResult {
  const { regional, regions, white } = measure(frame);
  const cast = Math.hypot(white.rg, white.bg);
  const foliage = isFoliageTint(white) && cast <= t.maxFoliageTint;
  const wholeScene = regional >= t.minRegionalShift && regional <= t.maxNeutralShift && !foliage;
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
      foliage: foliage ? 1 : 0,
    },
  };
}

/**
 * The foliage sector of white tints: blue clearly short of green (ln B/G below -FOLIAGE_MIN_BLUE_DEFICIT) while
 * red stays within a fraction of that deficit of green (from slightly greener, grass, to slightly redder, yellow
 * flowers). Warm light raises red by at least a third of the blue deficit, so it stays outside.
 */
const FOLIAGE_MIN_BLUE_DEFICIT = 0.3;
const FOLIAGE_MAX_GREENER = 0.7;
const FOLIAGE_MAX_REDDER = 0.25;

function isFoliageTint({ rg, bg }: Chroma): boolean {
  const deficit = -bg;
  return deficit >= FOLIAGE_MIN_BLUE_DEFICIT && rg >= -FOLIAGE_MAX_GREENER * deficit && rg <= FOLIAGE_MAX_REDDER * deficit;
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

/** Saturation histogram bins per region: 1/32 ln-units each, the last bin holds everything above 4. */
const SAT_BINS = 129;
const SAT_SCALE = 32;

/**
 * One strided pass: per-channel histograms for the white patch, and per region and saturation bin the count
 * and summed log-chromaticity of the mid-luma samples; then each region's grey estimate is the mean
 * chromaticity of its less saturated half (the bins up to the one holding its median: no sorting, and no
 * per-sample storage).
 */
function measure(frame: Frame): { regional: number; regions: number; white: Chroma } {
  const { rgb, gray, w, h } = frame;
  const histR = new Uint32Array(256);
  const histG = new Uint32Array(256);
  const histB = new Uint32Array(256);
  const satHist = new Uint32Array(GRID * GRID * SAT_BINS);
  const binRG = new Float64Array(GRID * GRID * SAT_BINS);
  const binBG = new Float64Array(GRID * GRID * SAT_BINS);
  const colCell = new Uint8Array(w);
  for (let x = 0; x < w; x++) colCell[x] = Math.min(GRID - 1, Math.floor((x * GRID) / w));
  for (let y = 0; y < h; y += SAMPLE_STEP) {
    const row = Math.min(GRID - 1, Math.floor((y * GRID) / h)) * GRID;
    for (let x = 0, p = y * w; x < w; x += SAMPLE_STEP, p += SAMPLE_STEP) {
      const j = 3 * p;
      const r = rgb[j],
        g = rgb[j + 1],
        b = rgb[j + 2];
      histR[r]++;
      histG[g]++;
      histB[b]++;
      const luma = gray[p];
      if (luma < MIN_LUMA || luma > MAX_LUMA || r >= CLIP || g >= CLIP || b >= CLIP) continue;
      const rg = LN[r] - LN[g];
      const bg = LN[b] - LN[g];
      const bin = Math.min(SAT_BINS - 1, (SAT_SCALE * Math.sqrt(rg * rg + bg * bg)) | 0);
      const at = (row + colCell[x]) * SAT_BINS + bin;
      satHist[at]++;
      binRG[at] += rg;
      binBG[at] += bg;
    }
  }
  const [wr, wg, wb] = [histR, histG, histB].map((channel) => histogramPercentile(channel, 0.995));
  const white = { rg: LN[wr] - LN[wg], bg: LN[wb] - LN[wg] };

  // Per region: the saturation bin that holds its median; samples up to that bin are its grey candidates.
  const sumRG = new Float64Array(GRID * GRID);
  const sumBG = new Float64Array(GRID * GRID);
  const count = new Uint32Array(GRID * GRID);
  const usable = new Uint8Array(GRID * GRID);
  for (let cell = 0; cell < GRID * GRID; cell++) {
    let total = 0;
    for (let k = 0; k < SAT_BINS; k++) total += satHist[cell * SAT_BINS + k];
    if (total < MIN_REGION_PIXELS) continue;
    usable[cell] = 1;
    for (let k = 0, at = cell * SAT_BINS; k < SAT_BINS; k++, at++) {
      sumRG[cell] += binRG[at];
      sumBG[cell] += binBG[at];
      count[cell] += satHist[at];
      if (count[cell] >= NEUTRAL_SHARE * total) break;
    }
  }
  const estimates: Chroma[] = [];
  for (let cell = 0; cell < GRID * GRID; cell++) {
    if (usable[cell] && count[cell] > 0) estimates.push({ rg: sumRG[cell] / count[cell], bg: sumBG[cell] / count[cell] });
  }
  if (estimates.length < MIN_REGIONS) return { regional: 0, regions: estimates.length, white };
  const mean = {
    rg: estimates.reduce((s, e) => s + e.rg, 0) / estimates.length,
    bg: estimates.reduce((s, e) => s + e.bg, 0) / estimates.length,
  };
  const length = Math.hypot(mean.rg, mean.bg);
  if (length === 0) return { regional: 0, regions: estimates.length, white };
  const shifts = estimates.map((e) => (e.rg * mean.rg + e.bg * mean.bg) / length).sort((a, b) => a - b);
  return { regional: shifts[Math.floor(REGION_QUANTILE * (shifts.length - 1))], regions: estimates.length, white };
}
