import "server-only";
import { gridClasses, lumaSteps, planeScale, type Steps } from "./block-grid";
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
  const steps = lumaSteps(frame);
  const scale = planeScale(frame);
  const xEdges = bandEdges(steps.w - 1, TILE_COLS);
  const yEdges = bandEdges(steps.h - 1, TILE_ROWS);
  let blocky = 0;
  const blockSizes: number[] = [];
  for (let ty = 0; ty < TILE_ROWS; ty++) {
    for (let tx = 0; tx < TILE_COLS; tx++) {
      const [x0, x1, y0, y1] = [xEdges[tx], xEdges[tx + 1], yEdges[ty], yEdges[ty + 1]];
      if (flatShare(steps, x0, x1, y0, y1) < t.minFlatShare) continue;
      const columns = bestGrid(columnProfile(steps, x0, x1, y0, y1), scale);
      if (!isBlocky(columns, t)) continue;
      const rows = bestGrid(rowProfile(steps, x0, x1, y0, y1), scale);
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

/** Share of the tile's pixels whose horizontal and vertical steps are both at most one level. */
function flatShare(steps: Steps, x0: number, x1: number, y0: number, y1: number): number {
  let flat = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      if (steps.horizontal[y * (steps.w - 1) + x] <= 1 && steps.vertical[y * steps.w + x] <= 1) flat++;
    }
  }
  return flat / Math.max(1, (x1 - x0) * (y1 - y0));
}

/** Mean horizontal step per column of the tile. */
function columnProfile(steps: Steps, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const n = steps.w - 1;
  const profile = new Float64Array(x1 - x0);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) profile[x - x0] += steps.horizontal[y * n + x];
  return profile.map((v) => v / Math.max(1, y1 - y0));
}

/** Mean vertical step per row of the tile. */
function rowProfile(steps: Steps, x0: number, x1: number, y0: number, y1: number): Float64Array {
  const profile = new Float64Array(y1 - y0);
  for (let y = y0; y < y1; y++) {
    let sum = 0;
    for (let x = x0; x < x1; x++) sum += steps.vertical[y * steps.w + x];
    profile[y - y0] = sum / Math.max(1, x1 - x0);
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
 * The block size and phase whose boundaries carry the most step energy above the block interiors. Multiples
 * of the true size lose (their interiors hold the true boundaries), fractions too (their boundaries fall
 * inside flat blocks).
 */
function bestGrid(profile: Float64Array, scale: number): Grid {
  let best: Grid = { period: 0, on: 0, off: Infinity, edgeShare: 0 };
  let bestExcess = -Infinity;
  for (let period = Math.max(MIN_PERIOD, MIN_BLOCK / scale); period <= MAX_BLOCK / scale; period += PERIOD_STEP) {
    if (profile.length < 2 * period) break;
    for (let phase = 0; phase < period; phase += PHASE_STEP) {
      const classes = gridClasses(profile.length + 1, period, phase);
      let on = 0,
        nOn = 0,
        off = 0,
        nOff = 0;
      for (let j = 0; j < profile.length; j++) {
        if (classes[j] === 1) [on, nOn] = [on + profile[j], nOn + 1];
        else if (classes[j] === 0) [off, nOff] = [off + profile[j], nOff + 1];
      }
      if (!nOn || !nOff) continue;
      const excess = on / nOn - off / nOff;
      // Periods are tried in increasing order; a longer one must clearly beat a shorter one, since a multiple
      // of the true size scores as well as the true size when its boundaries happen to be the strong ones.
      if (excess > (period > best.period + PHASE_STEP ? LONGER_PERIOD_MARGIN : 1) * bestExcess) {
        bestExcess = excess;
        best = { period, on: on / nOn, off: off / nOff, edgeShare: edgeShare(profile, classes, off / nOff) };
      }
    }
  }
  return best;
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
