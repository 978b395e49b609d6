import "server-only";
import { lumaSteps, planeScale, type Steps } from "./block-grid";
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
 *  - a smear: inside the block nothing changes from row to row while the row itself has texture.
 * A healthy frame has a few seams where a straight edge happens to lie on the grid, and almost no smears; the
 * measure is the share of broken blocks from the first row of blocks that is mostly broken down to the
 * bottom, so a corruption that starts mid-frame is counted over the part it covers.
 */
export function checkGarbled(frame: Frame, t: Thresholds["garbled"]): CheckResult {
  const steps = lumaSteps(frame);
  const chroma = chromaPlane(frame);
  const m = Math.max(2, Math.round(MACROBLOCK / planeScale(frame)));
  const cols = Math.floor(frame.w / m);
  const rows = Math.floor(frame.h / m);
  const brokenPerRow = new Float64Array(rows);
  let seams = 0,
    smears = 0;
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const x0 = bx * m;
      const y0 = by * m;
      const seam = (by > 0 && isSeam(steps, chroma, "top", x0, y0, m, t)) || (bx > 0 && isSeam(steps, chroma, "left", x0, y0, m, t));
      const smear = !seam && isSmear(steps, x0, y0, m, t);
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

/** Per pixel max(|Cb|, |Cr|)-like opponent colour: (R - G) and (B - G) halves, enough to see a miscoloured block. */
interface Chroma {
  rg: Int16Array;
  bg: Int16Array;
}

const chromaCache = new WeakMap<Frame, Chroma>();

function chromaPlane(frame: Frame): Chroma {
  let c = chromaCache.get(frame);
  if (c) return c;
  const n = frame.w * frame.h;
  const rg = new Int16Array(n);
  const bg = new Int16Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    rg[i] = frame.rgb[j] - frame.rgb[j + 1];
    bg[i] = frame.rgb[j + 2] - frame.rgb[j + 1];
  }
  c = { rg, bg };
  chromaCache.set(frame, c);
  return c;
}

/**
 * Whether the block's top (or left) edge is a seam: the mean step across it, in luma or in either chroma,
 * is at least `minBoundaryStep` and `minBoundaryRatio` times the mean step in the same direction inside this
 * block and the one across the edge.
 */
function isSeam(steps: Steps, chroma: Chroma, edge: "top" | "left", x0: number, y0: number, m: number, t: Thresholds["garbled"]): boolean {
  const w = steps.w;
  const top = edge === "top";
  // Offsets along the edge and across it; pixel (a, b) means along a, across b from the edge's first pixel.
  const at = (along: number, across: number) => (top ? (y0 + across) * w + x0 + along : (y0 + along) * w + x0 + across);
  for (const plane of [null, chroma.rg, chroma.bg]) {
    const value = (i: number) => (plane ? plane[i] : 0);
    let boundary = 0,
      inside = 0,
      nInside = 0,
      midline = 0;
    const half = m >> 1;
    for (let a = 0; a < m; a++) {
      if (plane) boundary += Math.abs(value(at(a, 0)) - value(at(a, -1)));
      else boundary += top ? steps.vertical[at(a, -1)] : steps.horizontal[(y0 + a) * (w - 1) + x0 - 1];
      for (let b = -m + 1; b < m - 1; b++) {
        if (b === -1) continue;
        const step = plane
          ? Math.abs(value(at(a, b + 1)) - value(at(a, b)))
          : top
            ? steps.vertical[at(a, b)]
            : steps.horizontal[(y0 + a) * (w - 1) + x0 + b];
        inside += step;
        nInside++;
        // The middle of this block and of the neighbour: JPEG's own 8x8 seams lie there as on the edge.
        if (b === half - 1 || b === -half - 1) midline += step;
      }
    }
    boundary /= m;
    inside /= nInside;
    midline /= 2 * m;
    // A copied block breaks the macroblock edge; compression blocking marks its middle as much as its edge.
    const minStep = plane ? CHROMA_STEP_FACTOR * t.minBoundaryStep : t.minBoundaryStep;
    if (boundary >= minStep && boundary >= t.minBoundaryRatio * inside && boundary >= MIDLINE_RATIO * midline) return true;
  }
  return false;
}

/** Rows of the block repeat each other (vertical steps near zero) while each row has texture. */
function isSmear(steps: Steps, x0: number, y0: number, m: number, t: Thresholds["garbled"]): boolean {
  let vertical = 0,
    horizontal = 0;
  for (let y = y0; y < y0 + m - 1; y++) {
    for (let x = x0; x < x0 + m - 1; x++) {
      vertical += steps.vertical[y * steps.w + x];
      horizontal += steps.horizontal[y * (steps.w - 1) + x];
    }
  }
  const n = (m - 1) * (m - 1);
  return vertical / n <= t.maxSmearStep && horizontal / n >= t.minSmearTexture;
}
