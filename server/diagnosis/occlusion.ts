import "server-only";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { cellGrid, GRID_COLS, GRID_ROWS, type CellGrid } from "./cells";
import { quantile, rampScore, round } from "./stats";

/**
 * Occlusion (something in front of the lens: a hand, cloth, a parked truck, a lens cap): one large connected
 * region that is dark and featureless while the rest of the frame still shows a normal scene. The frame is
 * cut into a grid of cells; flat dark cells are grown into regions whose cells stay within a few levels of the
 * region's mean (an object close to the lens is out of focus and evenly lit, unlike sky with its gradient or a
 * shadow with texture). The largest region's share of the frame is the measure, counted only if the rest of
 * the frame still shows a lit scene (in an underexposed frame everything is dark, which is `too_dark`), and if
 * the region is near-neutral: a dim object close to the lens has little colour, whereas a large smooth dark
 * area with strong colour is a sky or a wall under a colour cast.
 */
export function checkOcclusion(frame: Frame, t: Thresholds["occlusion"]): CheckResult {
  const grid = cellGrid(frame);
  const region = largestFlatDarkRegion(grid, t);
  const restBright = region.restMeans.length ? quantile(region.restMeans, 0.9) : 0;
  const metrics: Record<string, number> = {
    areaFraction: round(region.area),
    regionLuma: round(region.mean, 2),
    restBrightLuma: round(restBright, 2),
  };
  const large = rampScore(region.area, 0, t.minAreaFraction, 1);
  const lit = rampScore(restBright, 0, t.minRestLuma, 2 * t.minRestLuma);
  // The colour of a region too small to matter is not worth a pass over its pixels.
  if (region.area < t.minAreaFraction) return { code: "occlusion", abnormal: false, score: Math.min(large, lit), metrics };
  const chroma = meanChroma(frame, region.inRegion);
  metrics.regionChroma = round(chroma, 2);
  return {
    code: "occlusion",
    abnormal: restBright >= t.minRestLuma && chroma <= t.maxChroma,
    score: Math.min(large, lit, rampScore(chroma, 2 * t.maxChroma, t.maxChroma, 0)),
    metrics,
  };
}

function largestFlatDarkRegion(grid: CellGrid, t: Thresholds["occlusion"]) {
  const n = GRID_COLS * GRID_ROWS;
  const candidate = (c: number) => grid.mean[c] <= t.maxLuma && grid.std[c] <= t.maxCellStd;
  const label = new Int32Array(n).fill(-1);
  let best: number[] = [];
  for (let seed = 0; seed < n; seed++) {
    if (label[seed] !== -1 || !candidate(seed)) continue;
    const cells = growRegion(seed, grid, candidate, label, t.maxLumaStep);
    if (cells.length > best.length) best = cells;
  }
  const inRegion = new Uint8Array(n);
  let sum = 0;
  for (const c of best) {
    inRegion[c] = 1;
    sum += grid.mean[c];
  }
  const restMeans = new Float64Array(n - best.length);
  for (let c = 0, r = 0; c < n; c++) if (!inRegion[c]) restMeans[r++] = grid.mean[c];
  return { area: best.length / n, mean: best.length ? sum / best.length : 0, restMeans, inRegion };
}

/** Mean max-min channel spread over the region's pixels: near 0 for a gray or black object. */
function meanChroma(frame: Frame, inRegion: Uint8Array): number {
  const { rgb, w, h } = frame;
  // First pixel of each grid column/row, matching cells.ts (pixel x is in column floor(x * COLS / w)).
  const colStart = (c: number) => Math.ceil((c * w) / GRID_COLS);
  const rowStart = (r: number) => Math.ceil((r * h) / GRID_ROWS);
  let sum = 0;
  let count = 0;
  for (let c = 0; c < inRegion.length; c++) {
    if (!inRegion[c]) continue;
    const cx = c % GRID_COLS;
    const cy = Math.floor(c / GRID_COLS);
    // Every other row and column of the cell: a mean needs no more.
    for (let y = rowStart(cy); y < rowStart(cy + 1); y += 2) {
      for (let x = colStart(cx), j = 3 * (y * w + x); x < colStart(cx + 1); x += 2, j += 6) {
        const r = rgb[j],
          g = rgb[j + 1],
          b = rgb[j + 2];
        sum += Math.max(r, g, b) - Math.min(r, g, b);
        count++;
      }
    }
  }
  return count ? sum / count : 0;
}

/** 4-connected flood fill; a cell joins if it is a candidate and close to the region's running mean. */
function growRegion(seed: number, grid: CellGrid, candidate: (c: number) => boolean, label: Int32Array, maxStep: number): number[] {
  const cells = [seed];
  label[seed] = seed;
  let sum = grid.mean[seed];
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k];
    const x = c % GRID_COLS;
    const neighbours = [x > 0 ? c - 1 : -1, x < GRID_COLS - 1 ? c + 1 : -1, c - GRID_COLS, c + GRID_COLS];
    for (const q of neighbours) {
      if (q < 0 || q >= GRID_COLS * GRID_ROWS || label[q] !== -1 || !candidate(q)) continue;
      if (Math.abs(grid.mean[q] - sum / cells.length) > maxStep) continue;
      label[q] = seed;
      cells.push(q);
      sum += grid.mean[q];
    }
  }
  return cells;
}
