import "server-only";
import { gridClasses, planeScale } from "./block-grid";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { quantile, rampScore, round } from "./stats";

/**
 * Mosaic (马赛克): after packet loss a decoder fills what it lost with large flat blocks, a band of the frame
 * or all of it pixelated. Two properties together make it:
 *  - a regular grid: luma steps concentrate on the columns and rows of one block size and phase, in both
 *    directions (the grid is searched over source block sizes and phases, converted to the work plane);
 *  - flat interiors: between those lines the picture hardly changes.
 * Ordinary scenes have edges, even regular ones (tiles, bricks, windows, text), but not flat interiors on
 * an exact grid in both directions over a real part of the frame; a healthy JPEG's 8x8 blocks leave steps of
 * a level or two, below the minimum step. The area is the share of tiles of the frame where the pattern
 * holds.
 */
export function checkMosaic(frame: Frame, t: Thresholds["mosaic"]): CheckResult {
  const scale = planeScale(frame);
  const xEdges = bandEdges(frame.w - 1, TILE_COLS);
  const yEdges = bandEdges(frame.h - 1, TILE_ROWS);
  let blocky = 0;
  const blockSizes: number[] = [];
  for (let ty = 0; ty < TILE_ROWS; ty++) {
    for (let tx = 0; tx < TILE_COLS; tx++) {
      const [x0, x1, y0, y1] = [xEdges[tx], xEdges[tx + 1], yEdges[ty], yEdges[ty + 1]];
      if (flatShare(frame, x0, x1, y0, y1) < t.minFlatShare) continue;
      const columnSteps = columnProfile(frame, x0, x1, y0, y1);
      if (!canBeBlocky(columnSteps, t)) continue;
      const rowSteps = rowProfile(frame, x0, x1, y0, y1);
      if (!canBeBlocky(rowSteps, t)) continue;
      const columns = bestGrid(columnSteps, scale);
      if (!isBlocky(columns, t)) continue;
      const rows = bestGrid(rowSteps, scale);
      if (!isBlocky(rows, t)) continue;
      blocky++;
      blockSizes.push(((columns.period + rows.period) / 2) * scale);
    }
  }
  const area = blocky / (TILE_ROWS * TILE_COLS);
  return {
    code: "mosaic",
    abnormal: area >= t.minAreaFraction,
    score: rampScore(area, 0, t.minAreaFraction, Math.min(1, 2 * t.minAreaFraction)),
    metrics: {
      areaFraction: round(area),
      blockSize: blockSizes.length ? round(quantile(blockSizes, 0.5), 1) : 0,
    },
  };
}

/**
 * Tiles the area is counted in (about 60-110 work-plane px, several blocks of the largest size). Each tile
 * finds its own grid: pixelation made by scaling with a fractional factor drifts off any one frame-wide grid.
 */
const TILE_COLS = 6;
const TILE_ROWS = 5;
/** Block sizes searched, in source pixels: 8 px blocks up to 32 px macroblock groups. */
const MIN_BLOCK = 8;
const MAX_BLOCK = 32;
/** A grid needs at least one step well inside each block to tell flat interiors from edges. */
const MIN_PERIOD = 3;
/** Search resolution on the work plane (px): fine enough that a fractional block size does not drift a pixel within a tile. */
const PERIOD_STEP = 0.25;
const PHASE_STEP = 0.5;
const LONGER_PERIOD_MARGIN = 1.2;

function bandEdges(length: number, bands: number): number[] {
  return Array.from({ length: bands + 1 }, (_, i) => Math.floor((i * length) / bands));
}

/**
 * Every SAMPLE_STEP-th line is enough for a share or a mean along the tile; the profiles keep full resolution
 * across the lines, where the grid is searched.
 */
const SAMPLE_STEP = 2;

/**
 * Share of the tile's (sampled) pixels whose horizontal and vertical luma steps are both at most one level.
 * Most tiles of a healthy frame fail here, so this is the one pass every tile gets.
 */
function flatShare({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number): number {
  let flat = 0,
    n = 0;
  for (let y = y0; y < y1; y += SAMPLE_STEP) {
    for (let i = y * w + x0, end = y * w + x1; i < end; i += SAMPLE_STEP, n++) {
      const dx = gray[i + 1] - gray[i];
      const dy = gray[i + w] - gray[i];
      if (dx <= 1 && dx >= -1 && dy <= 1 && dy >= -1) flat++;
    }
  }
  return flat / Math.max(1, n);
}

/** Mean |horizontal step| per column of the tile (step x is between pixels x and x + 1), over sampled rows. */
function columnProfile({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const profile = new Float64Array(x1 - x0);
  let rows = 0;
  for (let y = y0; y < y1; y += SAMPLE_STEP, rows++) {
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) {
      const d = gray[i + 1] - gray[i];
      profile[x - x0] += d < 0 ? -d : d;
    }
  }
  for (let k = 0; k < profile.length; k++) profile[k] /= Math.max(1, rows);
  return profile;
}

/** Mean |vertical step| per row of the tile (step y is between rows y and y + 1), over sampled columns. */
function rowProfile({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const profile = new Float64Array(y1 - y0);
  const columns = Math.ceil((x1 - x0) / SAMPLE_STEP);
  for (let y = y0; y < y1; y++) {
    let sum = 0;
    for (let i = y * w + x0, end = y * w + x1; i < end; i += SAMPLE_STEP) {
      const d = gray[i + w] - gray[i];
      sum += d < 0 ? -d : d;
    }
    profile[y - y0] = sum / Math.max(1, columns);
  }
  return profile;
}

interface Grid {
  period: number;
  /** Mean step on the grid's boundaries and well inside its blocks. */
  on: number;
  off: number;
  /** Share of the boundaries that carry a step: a grid is a lattice of edges, not one edge it happens to cross. */
  edgeShare: number;
}

function isBlocky(g: Grid, t: Thresholds["mosaic"]): boolean {
  return g.on >= t.minStep && g.off <= t.maxInteriorStep && g.on >= t.minStepRatio * g.off && g.edgeShare >= t.minEdgeShare;
}

/**
 * Cheap necessary conditions before the grid search (most tiles of a healthy frame stop here): some line must
 * step by the minimum, and the interior lines (at least a quarter of any grid's lines) can average no less
 * than the quietest quarter of the profile.
 */
function canBeBlocky(profile: Float64Array, t: Thresholds["mosaic"]): boolean {
  const sorted = Float64Array.from(profile).sort();
  if (sorted.length === 0 || sorted[sorted.length - 1] < t.minStep) return false;
  const quarter = Math.max(1, Math.floor(sorted.length / 4));
  let quiet = 0;
  for (let i = 0; i < quarter; i++) quiet += sorted[i];
  return quiet / quarter <= t.maxInteriorStep;
}

/** Periods and phases are multiples of a quarter pixel, so every boundary position is one of these. */
const QUARTERS = 4;

interface BoundaryWindows {
  /** Index of boundary position b is origin + 4b; positions run from one period before 0 to past the end. */
  origin: number;
  size: number;
  total: number;
  /** Sum and count of the steps at integer positions 1..n within 0.75 ("on") and within 1.5 ("near") of b. */
  onSum: Float64Array;
  onCount: Int32Array;
  nearSum: Float64Array;
  nearCount: Int32Array;
}

/**
 * For every quarter-pixel boundary position, what a grid boundary there adds to the "on" and "near" sums (step
 * j sits at position j + 1): the grid search then costs four look-ups per boundary instead of a walk over
 * the line for each period and phase.
 */
function boundaryWindows(profile: Float64Array): BoundaryWindows {
  const n = profile.length;
  const prefix = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) prefix[j + 1] = prefix[j] + profile[j];
  const origin = Math.ceil(MAX_BLOCK * QUARTERS);
  const size = origin + (n + 2) * QUARTERS;
  const windows: BoundaryWindows = {
    origin,
    size,
    total: prefix[n],
    onSum: new Float64Array(size),
    onCount: new Int32Array(size),
    nearSum: new Float64Array(size),
    nearCount: new Int32Array(size),
  };
  for (let q = 0; q < size; q++) {
    const boundary = (q - origin) / QUARTERS;
    // Positions strictly inside (boundary - r, boundary + r), clipped to 1..n.
    let lo = Math.max(1, Math.floor(boundary - 0.75) + 1);
    let hi = Math.min(n, Math.ceil(boundary + 0.75) - 1);
    if (hi >= lo) {
      windows.onSum[q] = prefix[hi] - prefix[lo - 1];
      windows.onCount[q] = hi - lo + 1;
    }
    lo = Math.max(1, Math.floor(boundary - 1.5) + 1);
    hi = Math.min(n, Math.ceil(boundary + 1.5) - 1);
    if (hi >= lo) {
      windows.nearSum[q] = prefix[hi] - prefix[lo - 1];
      windows.nearCount[q] = hi - lo + 1;
    }
  }
  return windows;
}

/**
 * The block size and phase whose boundaries carry the most step energy above the block interiors. Multiples
 * of the true size lose (their interiors hold the true boundaries), fractions too (their boundaries fall
 * inside flat blocks).
 */
function bestGrid(profile: Float64Array, scale: number): Grid {
  let best = { period: 0, phase: 0, on: 0, off: Infinity };
  let bestExcess = -Infinity;
  const n = profile.length;
  const windows = boundaryWindows(profile);
  const total = windows.total;
  for (let period = Math.max(MIN_PERIOD, MIN_BLOCK / scale); period <= MAX_BLOCK / scale; period += PERIOD_STEP) {
    if (n < 2 * period) break;
    const stride = period * QUARTERS;
    for (let phase = 0; phase < period; phase += PHASE_STEP) {
      let on = 0,
        nOn = 0,
        near = 0,
        nNear = 0;
      // Boundaries at phase + k * period, k from -1 while their near window can still reach position n.
      for (let q = (phase - period) * QUARTERS + windows.origin; q < windows.size; q += stride) {
        on += windows.onSum[q];
        nOn += windows.onCount[q];
        near += windows.nearSum[q];
        nNear += windows.nearCount[q];
      }
      const off = total - near,
        nOff = n - nNear;
      if (!nOn || !nOff) continue;
      const excess = on / nOn - off / nOff;
      // Periods are tried in increasing order; a longer one must clearly beat a shorter one, since a multiple
      // of the true size scores as well as the true size when its boundaries happen to be the strong ones.
      if (excess > (period > best.period + PHASE_STEP ? LONGER_PERIOD_MARGIN : 1) * bestExcess) {
        bestExcess = excess;
        best = { period, phase, on: on / nOn, off: off / nOff };
      }
    }
  }
  if (best.period === 0) return { period: 0, on: 0, off: Infinity, edgeShare: 0 };
  const classes = gridClasses(n + 1, best.period, best.phase);
  return { period: best.period, on: best.on, off: best.off, edgeShare: edgeShare(profile, classes, best.off) };
}

/** Share of the boundaries (runs of on-grid steps) whose summed step is at least twice the interior mean plus a level. */
function edgeShare(profile: Float64Array, classes: Int8Array, interior: number): number {
  let boundaries = 0,
    strong = 0,
    run = 0,
    inRun = false;
  for (let j = 0; j <= profile.length; j++) {
    if (j < profile.length && classes[j] === 1) {
      run += profile[j];
      inRun = true;
    } else if (inRun) {
      boundaries++;
      if (run >= 2 * interior + 1) strong++;
      run = 0;
      inRun = false;
    }
  }
  return boundaries ? strong / boundaries : 0;
}
