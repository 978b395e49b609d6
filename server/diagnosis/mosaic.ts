import "server-only";
import { gridClasses } from "./block-grid";
import { planeScale, type Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { quantile, rampScore, round, selectInPlace } from "./stats";

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
  const buffers = new TileBuffers(Math.max(longestBand(xEdges), longestBand(yEdges)));
  let blocky = 0;
  const blockSizes: number[] = [];
  for (let ty = 0; ty < TILE_ROWS; ty++) {
    for (let tx = 0; tx < TILE_COLS; tx++) {
      const [x0, x1, y0, y1] = [xEdges[tx], xEdges[tx + 1], yEdges[ty], yEdges[ty + 1]];
      if (!isMostlyFlat(frame, x0, x1, y0, y1, t.minFlatShare)) continue;
      const columnSteps = columnProfile(frame, x0, x1, y0, y1, buffers.columnSums);
      if (!canBeBlocky(columnSteps, t, buffers)) continue;
      const rowSteps = rowProfile(frame, x0, x1, y0, y1, buffers.rowSums);
      if (!canBeBlocky(rowSteps, t, buffers)) continue;
      const columns = bestGrid(meanSteps(columnSteps, buffers), scale, buffers);
      if (!isBlocky(columns, t)) continue;
      const rows = bestGrid(meanSteps(rowSteps, buffers), scale, buffers);
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

function longestBand(edges: number[]): number {
  let longest = 0;
  for (let i = 1; i < edges.length; i++) longest = Math.max(longest, edges[i] - edges[i - 1]);
  return longest;
}

/**
 * Typed arrays for the tiles' profiles and grid searches, made once per frame for the longest tile side:
 * allocating one costs 0.25-0.9 us, about as much as filling it, and a tile that reached the grid search
 * allocated ten. A profile or a search uses the first n entries.
 */
class TileBuffers {
  readonly columnSums: Int32Array;
  readonly rowSums: Int32Array;
  readonly selection: Int32Array;
  readonly means: Float64Array;
  readonly prefix: Float64Array;
  readonly onSum: Float64Array;
  readonly nearSum: Float64Array;

  constructor(longest: number) {
    this.columnSums = new Int32Array(longest);
    this.rowSums = new Int32Array(longest);
    this.selection = new Int32Array(longest);
    this.means = new Float64Array(longest);
    this.prefix = new Float64Array(longest + 1);
    this.onSum = new Float64Array(windowEntries(longest));
    this.nearSum = new Float64Array(windowEntries(longest));
  }
}

/**
 * Every SAMPLE_STEP-th line is enough for a share or a mean along the tile; the profiles keep full resolution
 * across the lines, where the grid is searched.
 */
const SAMPLE_STEP = 2;

/**
 * Whether at least `minShare` of the tile's (sampled) pixels have horizontal and vertical luma steps of at most
 * one level. Most tiles of a healthy frame fail here, so this is the one pass every tile gets: it stops as soon
 * as the answer is known (a textured tile after about 60 % of its rows at the default 0.4, a flat one after
 * 40 %), and counts without a branch per pixel (on textured tiles an unpredictable one: three times slower).
 */
function isMostlyFlat({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number, minShare: number): boolean {
  const perRow = Math.ceil((x1 - x0) / SAMPLE_STEP);
  const samples = perRow * Math.ceil((y1 - y0) / SAMPLE_STEP);
  const n = Math.max(1, samples);
  let flat = 0,
    unread = samples;
  for (let y = y0; y < y1; y += SAMPLE_STEP, unread -= perRow) {
    if ((flat + unread) / n < minShare) return false;
    if (flat / n >= minShare) return true;
    for (let i = y * w + x0, end = y * w + x1; i < end; i += SAMPLE_STEP) {
      const dx = gray[i + 1] - gray[i];
      const dy = gray[i + w] - gray[i];
      // 1 when dx and dy are both within -1..1 (their squares' bits then stay within 1).
      flat += (((dx * dx) | (dy * dy)) - 2) >>> 31;
    }
  }
  return flat / n >= minShare;
}

/**
 * Summed |luma step| per line across a tile (sums[0..length - 1]), over `lines` sampled lines: the mean step of
 * line k is sums[k] / lines.
 */
interface StepProfile {
  sums: Int32Array;
  length: number;
  lines: number;
}

/**
 * Per column of the tile, |horizontal step| (step x is between pixels x and x + 1) over sampled rows. Summed
 * down each column in a local: adding row by row into the array took 1.7 times as long.
 */
function columnProfile({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number, sums: Int32Array): StepProfile {
  for (let k = 0; k < x1 - x0; k++) {
    let sum = 0;
    for (let i = y0 * w + x0 + k, end = y1 * w; i < end; i += SAMPLE_STEP * w) sum += Math.abs(gray[i + 1] - gray[i]);
    sums[k] = sum;
  }
  return { sums, length: x1 - x0, lines: Math.ceil((y1 - y0) / SAMPLE_STEP) };
}

/** Per row of the tile, |vertical step| (step y is between rows y and y + 1) over sampled columns. */
function rowProfile({ gray, w }: Frame, x0: number, x1: number, y0: number, y1: number, sums: Int32Array): StepProfile {
  for (let y = y0; y < y1; y++) {
    let sum = 0;
    for (let i = y * w + x0, end = y * w + x1; i < end; i += SAMPLE_STEP) sum += Math.abs(gray[i + w] - gray[i]);
    sums[y - y0] = sum;
  }
  return { sums, length: y1 - y0, lines: Math.ceil((x1 - x0) / SAMPLE_STEP) };
}

/** The profile's mean steps, in buffers.means: a view of its length. */
function meanSteps({ sums, length, lines }: StepProfile, { means }: TileBuffers): Float64Array {
  for (let k = 0; k < length; k++) means[k] = sums[k] / Math.max(1, lines);
  return means.subarray(0, length);
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
 * than the quietest quarter of the profile. In whole sums, so the quarter is selected rather than sorted.
 */
function canBeBlocky({ sums, length, lines }: StepProfile, t: Thresholds["mosaic"], { selection }: TileBuffers): boolean {
  if (length === 0) return false;
  const perLine = Math.max(1, lines);
  let largest = 0;
  for (let k = 0; k < length; k++) {
    largest = Math.max(largest, sums[k]);
    selection[k] = sums[k];
  }
  if (largest / perLine < t.minStep) return false;
  const quarter = Math.max(1, Math.floor(length / 4));
  return sumOfSmallest(selection, length, quarter) / perLine / quarter <= t.maxInteriorStep;
}

/** Sum of the k smallest of values[0..length - 1] (selected, not sorted: reorders them). */
function sumOfSmallest(values: Int32Array, length: number, k: number): number {
  selectInPlace(values, k - 1, length);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += values[i];
  return sum;
}

/** Periods and phases are multiples of a quarter pixel, so every boundary position is one of these. */
const QUARTERS = 4;

/**
 * What a grid boundary adds to the "on" and "near" sums: the steps at integer positions 1..n (step j sits at
 * position j + 1) within 0.75 and within 1.5 of it. Boundary position b (a multiple of 1/4) is entry 1 + 4b,
 * from b = -1/4 to n + 2: a boundary at -1/2 or before has no step of the line within 1.5 of it, nor has one
 * past n + 3/2. The grid search then costs two look-ups per boundary instead of a walk over the line for each
 * period and phase.
 */
interface BoundaryWindows {
  size: number;
  total: number;
  onSum: Float64Array;
  nearSum: Float64Array;
}

const FIRST_ENTRY = -1 / QUARTERS;
/**
 * The window's first and last position relative to floor(b), by the quarter b - floor(b) is past it (0, 1/4,
 * 1/2, 3/4): within 0.75 of b lie floor(b) (up to 1/4 past), both neighbours (1/2) or the next one (3/4).
 */
const ON_FROM = [0, 0, 0, 1];
const ON_TO = [0, 0, 1, 1];
const NEAR_FROM = [-1, -1, 0, 0];
const NEAR_TO = [1, 1, 1, 2];

function windowEntries(n: number): number {
  return (n + 2 - FIRST_ENTRY) * QUARTERS;
}

/** The windows of the profile, in the buffers' onSum and nearSum. */
function boundaryWindows(profile: Float64Array, { prefix, onSum, nearSum }: TileBuffers): BoundaryWindows {
  const n = profile.length;
  prefix[0] = 0;
  for (let j = 0; j < n; j++) prefix[j + 1] = prefix[j] + profile[j];
  const size = windowEntries(n);
  const windowSum = (from: number, to: number) => {
    const lo = Math.max(1, from),
      hi = Math.min(n, to);
    return hi >= lo ? prefix[hi] - prefix[lo - 1] : 0;
  };
  for (let q = 0; q < size; q++) {
    const quarters = q + FIRST_ENTRY * QUARTERS; // 4b
    const whole = quarters >> 2; // floor(b)
    const past = quarters & 3;
    onSum[q] = windowSum(whole + ON_FROM[past], whole + ON_TO[past]);
    nearSum[q] = windowSum(whole + NEAR_FROM[past], whole + NEAR_TO[past]);
  }
  return { size, total: prefix[n], onSum, nearSum };
}

/**
 * The grids searched on a line of n steps, in search order (periods increasing, phases within each): period in
 * quarter pixels, the entry of its first boundary with a window on the line, and how many steps its boundaries
 * have on and near them. These depend only on the line's length, which takes a few values per frame size: so
 * they are made once per length and plane scale, and the search adds up only the sums (half the look-ups;
 * measured 12 us instead of 27 a search with the boundaries before the line skipped).
 */
interface GridCandidates {
  count: number;
  period: Int32Array;
  phase: Int32Array;
  first: Int32Array;
  onCount: Int32Array;
  nearCount: Int32Array;
}

const candidatesByLine = new Map<string, GridCandidates>();
/** A worker sees a few frame sizes; past this many line lengths (24-100 kB each) the lists start over. */
const MAX_LISTED_LINES = 64;

function gridCandidates(n: number, scale: number): GridCandidates {
  const key = `${n}/${scale}`;
  const known = candidatesByLine.get(key);
  if (known) return known;
  // The windows' sums over a line of ones are their counts.
  const { size, onSum: onCount, nearSum: nearCount } = boundaryWindows(new Float64Array(n).fill(1), new TileBuffers(n));
  const rows: number[][] = [];
  const firstPeriod = Math.max(MIN_PERIOD, MIN_BLOCK / scale) * QUARTERS;
  for (let period = firstPeriod; period <= (MAX_BLOCK / scale) * QUARTERS; period += PERIOD_STEP * QUARTERS) {
    if (n * QUARTERS < 2 * period) break;
    for (let phase = 0; phase < period; phase += PHASE_STEP * QUARTERS) {
      // Boundaries at phase + k * period (quarters), from the first one with an entry.
      const first = phase - period - FIRST_ENTRY * QUARTERS >= 0 ? phase - period - FIRST_ENTRY * QUARTERS : phase - FIRST_ENTRY * QUARTERS;
      let nOn = 0,
        nNear = 0;
      for (let q = first; q < size; q += period) {
        nOn += onCount[q];
        nNear += nearCount[q];
      }
      rows.push([period, phase, first, nOn, nNear]);
    }
  }
  const column = (i: number) => Int32Array.from(rows, (row) => row[i]);
  const candidates = {
    count: rows.length,
    period: column(0),
    phase: column(1),
    first: column(2),
    onCount: column(3),
    nearCount: column(4),
  };
  if (candidatesByLine.size >= MAX_LISTED_LINES) candidatesByLine.clear();
  candidatesByLine.set(key, candidates);
  return candidates;
}

/**
 * The block size and phase whose boundaries carry the most step energy above the block interiors. Multiples
 * of the true size lose (their interiors hold the true boundaries), fractions too (their boundaries fall
 * inside flat blocks).
 */
function bestGrid(profile: Float64Array, scale: number, buffers: TileBuffers): Grid {
  const n = profile.length;
  const { size, total, onSum, nearSum } = boundaryWindows(profile, buffers);
  const grids = gridCandidates(n, scale);
  let best = -1,
    bestExcess = -Infinity,
    bestOn = 0,
    bestOff = Infinity;
  for (let c = 0; c < grids.count; c++) {
    const period = grids.period[c];
    let on = 0,
      near = 0;
    for (let q = grids.first[c]; q < size; q += period) {
      on += onSum[q];
      near += nearSum[q];
    }
    const nOn = grids.onCount[c],
      off = total - near,
      nOff = n - grids.nearCount[c];
    if (!nOn || !nOff) continue;
    const excess = on / nOn - off / nOff;
    // Periods are tried in increasing order; a longer one must clearly beat a shorter one, since a multiple
    // of the true size scores as well as the true size when its boundaries happen to be the strong ones.
    const longer = best >= 0 && period > grids.period[best] + PHASE_STEP * QUARTERS;
    if (excess > (longer ? LONGER_PERIOD_MARGIN : 1) * bestExcess) {
      bestExcess = excess;
      best = c;
      bestOn = on / nOn;
      bestOff = off / nOff;
    }
  }
  if (best < 0) return { period: 0, on: 0, off: Infinity, edgeShare: 0 };
  const period = grids.period[best] / QUARTERS;
  const classes = gridClasses(n + 1, period, grids.phase[best] / QUARTERS);
  return { period, on: bestOn, off: bestOff, edgeShare: edgeShare(profile, classes, bestOff) };
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
