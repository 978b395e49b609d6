import "server-only";
import { planeScale } from "./block-grid";
import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { rampScore, round } from "./stats";

/**
 * Garbled picture (花屏): a broken decode. From the first lost macroblock on, the decoder paints 16x16 source
 * blocks copied from wrong places (in wrong colours), or repeats the last good row of each block downwards.
 * Each macroblock of the frame (on the decoder's grid, from the frame's origin) is judged:
 *  - a seam: the step across its top or left edge is large and several times the steps inside it and its
 *    neighbour, in luma or in chroma (a copied block rarely continues what is next to it);
 *  - a smear: inside the block nothing changes from row to row while the row itself has texture, below a
 *    block of its column that is not a smear (the good row it repeats).
 * A healthy frame has a few seams where a straight edge happens to lie on the grid, and almost no smears; the
 * measure is the share of broken blocks from the first row of blocks that is mostly broken down to the
 * bottom, so a corruption that starts mid-frame is counted over the part it covers.
 */
export function checkGarbled(frame: Frame, t: Thresholds["garbled"]): CheckResult {
  const m = Math.max(2, Math.round(MACROBLOCK / planeScale(frame)));
  const cols = Math.floor(frame.w / m);
  const rows = Math.floor(frame.h / m);
  const sums = blockStepSums(frame, m, cols, rows);
  const brokenPerRow = new Float64Array(rows);
  let seams = 0,
    smears = 0;
  // Per column: whether a smear here would repeat a row the decoder had (see isSmear's caller below).
  const hasRowAbove = new Uint8Array(cols);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      const seam = (by > 0 && isSeam(sums, "top", b, b - cols, m, t)) || (bx > 0 && isSeam(sums, "left", b, b - 1, m, t));
      const flat = !seam && isSmear(sums, b, m, t);
      // A decoder smears the last good row downwards, so a smear hangs under a block that is not one; rows that
      // repeat from the top of the frame down have nothing to repeat: they are the scene (or vertical stripes).
      const smear = flat && hasRowAbove[bx] === 1;
      if (!flat) hasRowAbove[bx] = 1;
      if (seam) seams++;
      if (smear) smears++;
      if (seam || smear) brokenPerRow[by]++;
    }
  }
  for (let by = 0; by < rows; by++) brokenPerRow[by] /= cols;
  const { startRow, fraction } = corruptedPart(brokenPerRow, t);
  return {
    code: "garbled",
    abnormal: fraction >= t.minBrokenFraction,
    score: rampScore(fraction, 0, t.minBrokenFraction, Math.min(1, 2 * t.minBrokenFraction)),
    metrics: {
      brokenFraction: round(fraction),
      startRowFraction: round(startRow / Math.max(1, rows), 3),
      seamBlocks: round(seams / (rows * cols)),
      smearBlocks: round(smears / (rows * cols)),
    },
  };
}

/** Decoders work on 16x16 macroblocks of the source frame. */
const MACROBLOCK = 16;
/** A seam must be this many times the step across the middles of the two blocks (8x8 JPEG seams). */
const MIDLINE_RATIO = 2;
/**
 * JPEG keeps colour at half resolution in 8x8 blocks of the half plane, i.e. exactly on the 16x16 macroblock
 * grid: a DCT-scaled decode (decode.ts) shows those chroma block edges crisply on every healthy frame. A colour
 * seam must therefore be this many times the luma step to count.
 */
const CHROMA_STEP_FACTOR = 3;

/**
 * The corrupted part: the first block row from which the broken share, averaged down to the bottom, is
 * largest, and that average weighted by the share of rows it covers (a small corner of broken blocks is
 * not a broken frame).
 */
function corruptedPart(brokenPerRow: Float64Array, t: Thresholds["garbled"]): { startRow: number; fraction: number } {
  const rows = brokenPerRow.length;
  let best = { startRow: rows, fraction: 0 };
  let sum = 0;
  for (let start = rows - 1; start >= 0; start--) {
    sum += brokenPerRow[start];
    const covered = (rows - start) / rows;
    if (covered < t.minCoveredRows) continue;
    const mean = sum / (rows - start);
    const fraction = mean * Math.sqrt(covered);
    if (fraction > best.fraction) best = { startRow: start, fraction };
  }
  return best;
}

const PLANES = 3; // luma, R - G, B - G: a copied block is often in wrong colours, not only wrong brightness

/**
 * Per macroblock and plane, summed absolute steps: horizontal and vertical ones inside the block, and those
 * across its left and top edges. One pass over the frame; every seam and smear test reads these sums.
 */
interface BlockSums {
  hInside: Float64Array; // [block * PLANES + plane]
  vInside: Float64Array;
  leftEdge: Float64Array;
  topEdge: Float64Array;
  /** Steps across the block's middle column and row (part of the inside sums too). */
  hMiddle: Float64Array;
  vMiddle: Float64Array;
}

function blockStepSums(frame: Frame, m: number, cols: number, rows: number): BlockSums {
  const { rgb, gray, w } = frame;
  const size = cols * rows * PLANES;
  const sums: BlockSums = {
    hInside: new Float64Array(size),
    vInside: new Float64Array(size),
    leftEdge: new Float64Array(size),
    topEdge: new Float64Array(size),
    hMiddle: new Float64Array(size),
    vMiddle: new Float64Array(size),
  };
  const middle = (m >> 1) - 1;
  const width = cols * m;
  for (let y = 0; y < rows * m; y++) {
    const by = Math.floor(y / m);
    const inBlockRow = y % m;
    for (let x = 0; x < width; x++) {
      const i = y * w + x;
      const k = 3 * i;
      const luma = gray[i];
      const rg = rgb[k] - rgb[k + 1];
      const bg = rgb[k + 2] - rgb[k + 1];
      const base = (by * cols + Math.floor(x / m)) * PLANES;
      if (x + 1 < width) {
        const j = k + 3;
        const dl = Math.abs(gray[i + 1] - luma);
        const dr = Math.abs(rgb[j] - rgb[j + 1] - rg);
        const db = Math.abs(rgb[j + 2] - rgb[j + 1] - bg);
        // The step from x to x + 1 is inside x's block, or across the left edge of the next one.
        const inside = (x + 1) % m !== 0;
        const target = inside ? sums.hInside : sums.leftEdge;
        const at = inside ? base : base + PLANES;
        target[at] += dl;
        target[at + 1] += dr;
        target[at + 2] += db;
        if (x % m === middle) {
          sums.hMiddle[base] += dl;
          sums.hMiddle[base + 1] += dr;
          sums.hMiddle[base + 2] += db;
        }
      }
      if (y + 1 < rows * m) {
        const j = k + 3 * w;
        const dl = Math.abs(gray[i + w] - luma);
        const dr = Math.abs(rgb[j] - rgb[j + 1] - rg);
        const db = Math.abs(rgb[j + 2] - rgb[j + 1] - bg);
        const inside = inBlockRow < m - 1;
        const target = inside ? sums.vInside : sums.topEdge;
        const at = inside ? base : base + cols * PLANES;
        target[at] += dl;
        target[at + 1] += dr;
        target[at + 2] += db;
        if (inBlockRow === middle) {
          sums.vMiddle[base] += dl;
          sums.vMiddle[base + 1] += dr;
          sums.vMiddle[base + 2] += db;
        }
      }
    }
  }
  return sums;
}

/**
 * Whether the block's top (or left) edge is a seam: the mean step across it, in luma or in either chroma,
 * is at least `minBoundaryStep` and `minBoundaryRatio` times the mean step in the same direction inside this
 * block and the one across the edge.
 */
function isSeam(sums: BlockSums, edge: "top" | "left", block: number, neighbour: number, m: number, t: Thresholds["garbled"]): boolean {
  const [across, inside, middle] =
    edge === "top" ? [sums.topEdge, sums.vInside, sums.vMiddle] : [sums.leftEdge, sums.hInside, sums.hMiddle];
  const insideSteps = 2 * m * (m - 1);
  for (let plane = 0; plane < PLANES; plane++) {
    const boundary = across[block * PLANES + plane] / m;
    const within = (inside[block * PLANES + plane] + inside[neighbour * PLANES + plane]) / insideSteps;
    const midline = (middle[block * PLANES + plane] + middle[neighbour * PLANES + plane]) / (2 * m);
    // A copied block breaks the macroblock edge; compression blocking marks its middle as much as its edge.
    const minStep = plane ? CHROMA_STEP_FACTOR * t.minBoundaryStep : t.minBoundaryStep;
    if (boundary >= minStep && boundary >= t.minBoundaryRatio * within && boundary >= MIDLINE_RATIO * midline) return true;
  }
  return false;
}

/** Rows of the block repeat each other (vertical luma steps near zero) while each row has texture. */
function isSmear(sums: BlockSums, block: number, m: number, t: Thresholds["garbled"]): boolean {
  const n = m * (m - 1);
  return sums.vInside[block * PLANES] / n <= t.maxSmearStep && sums.hInside[block * PLANES] / n >= t.minSmearTexture;
}
