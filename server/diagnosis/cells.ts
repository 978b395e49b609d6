import "server-only";
import type { Frame } from "./decode";

/**
 * Mean and standard deviation of luma over a fixed 32x24 grid of cells, whatever the frame size. Shared by the
 * occlusion check and the fingerprint thumbnail, computed once per frame.
 */
export const GRID_COLS = 32;
export const GRID_ROWS = 24;

export interface CellGrid {
  mean: Float64Array;
  std: Float64Array;
}

const cache = new WeakMap<Frame, CellGrid>();

export function cellGrid(frame: Frame): CellGrid {
  let grid = cache.get(frame);
  if (!grid) {
    grid = computeGrid(frame.gray, frame.w, frame.h);
    cache.set(frame, grid);
  }
  return grid;
}

function computeGrid(gray: Uint8Array, w: number, h: number): CellGrid {
  const cells = GRID_COLS * GRID_ROWS;
  const sum = new Float64Array(cells);
  const sumSq = new Float64Array(cells);
  const count = new Float64Array(cells);
  // Pixel x belongs to column floor(x * COLS / w): columns start at ceil(c * w / COLS).
  const starts = Array.from({ length: GRID_COLS + 1 }, (_, c) => Math.ceil((c * w) / GRID_COLS));
  // Every other row: a cell's mean and spread need no more.
  for (let y = 0; y < h; y += 2) {
    const rowBase = Math.min(GRID_ROWS - 1, Math.floor((y * GRID_ROWS) / h)) * GRID_COLS;
    for (let c = 0; c < GRID_COLS; c++) {
      let s = 0;
      let sq = 0;
      for (let i = y * w + starts[c], end = y * w + starts[c + 1]; i < end; i++) {
        const v = gray[i];
        s += v;
        sq += v * v;
      }
      sum[rowBase + c] += s;
      sumSq[rowBase + c] += sq;
      count[rowBase + c] += starts[c + 1] - starts[c];
    }
  }
  const mean = new Float64Array(cells);
  const std = new Float64Array(cells);
  for (let c = 0; c < cells; c++) {
    const n = count[c] || 1;
    mean[c] = sum[c] / n;
    std[c] = Math.sqrt(Math.max(0, sumSq[c] / n - mean[c] * mean[c]));
  }
  return { mean, std };
}
