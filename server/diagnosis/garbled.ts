import "server-only";
import { planeScale, type Frame } from "./decode";
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
  const sums = new BlockSteps(frame, m, cols, rows, t.maxSmearStep);
  const brokenPerRow = new Float64Array(rows);
  let seams = 0,
    smears = 0;
  // Per column: whether a smear here would repeat a row the decoder had (see isSmear's caller below).
  const hasRowAbove = new Uint8Array(cols);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const b = by * cols + bx;
      const seam = (by > 0 && isSeam(sums, "top", b, b - cols, t)) || (bx > 0 && isSeam(sums, "left", b, b - 1, t));
      const flat = !seam && isSmear(sums, b, t);
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
 * Steps inside a block are sampled on every INSIDE_STEP-th row (horizontal ones) and column (vertical ones):
 * they only set the block's typical level, which a quarter of its lines gives as well. Steps across an edge
 * on every EDGE_STEP-th line: a copied block breaks its whole edge, so half of it shows the same mean (on the
 * public set the broken share moved by at most 0.003, healthy frames <= 0.03, garbled ones >= 0.69).
 */
const INSIDE_STEP = 4;
const EDGE_STEP = 2;

/**
 * Per macroblock and plane, mean absolute steps across its left and top edges and, in the same direction,
 * inside it and across its middle line. One pass over every block measures what every block is judged by: the
 * edges in all planes and the vertical luma steps inside, as far as a smear's first test needs them (a
 * textured block's stand as a lower bound). The rest is measured for a block only when it is asked for: its
 * luma steps across the middle lines when an edge of it steps by the minimum, those inside it in the edge's
 * direction when the middle lines do not already explain the edge, the horizontal ones when its rows repeat
 * (on the public set's healthy frames a quarter to a half of the blocks are asked something), its chroma steps
 * when a colour seam is in question (a chroma edge step past its minimum: a few blocks).
 */
class BlockSteps {
  readonly leftEdge: Float64Array; // [block * PLANES + plane]
  readonly topEdge: Float64Array;
  /** Horizontal / vertical steps inside the block and across its middle column / row. */
  readonly hInside: Float64Array;
  readonly vInside: Float64Array;
  readonly hMiddle: Float64Array;
  readonly vMiddle: Float64Array;
  /** Per block, the parts measured so far: MIDDLES, HORIZONTAL, VERTICAL (luma) and CHROMA (every plane). */
  private readonly measured: Uint8Array;
  readonly step: number;
  readonly sampledLines: number;
  readonly middle: number;

  constructor(
    private readonly frame: Frame,
    readonly m: number,
    readonly cols: number,
    rows: number,
    maxSmearStep: number,
  ) {
    const arrays = StepArrays.cleared(cols * rows);
    this.leftEdge = arrays.leftEdge;
    this.topEdge = arrays.topEdge;
    this.hInside = arrays.hInside;
    this.vInside = arrays.vInside;
    this.hMiddle = arrays.hMiddle;
    this.vMiddle = arrays.vMiddle;
    this.measured = arrays.measured;
    this.step = m >= 2 * INSIDE_STEP ? INSIDE_STEP : 1;
    this.sampledLines = Math.ceil(m / this.step);
    this.middle = (m >> 1) - 1;
    measureEveryBlock(this, frame, rows, maxSmearStep);
  }

  /** Fills in the block's luma steps across its middle lines. */
  lumaMiddles(block: number): void {
    if (this.measured[block] & MIDDLES) return;
    this.measured[block] |= MIDDLES;
    const { frame, step, sampledLines, middle } = this;
    const { w, gray } = frame;
    const corner = this.corner(block);
    this.hMiddle[block * PLANES] = lumaSteps(gray, corner + middle, 1, step * w, sampledLines) / sampledLines;
    this.vMiddle[block * PLANES] = lumaSteps(gray, corner + middle * w, w, step, sampledLines) / sampledLines;
  }

  /** Fills in the block's horizontal (HORIZONTAL) or vertical (VERTICAL) luma steps inside, in full. */
  lumaInside(block: number, direction: number): void {
    if (this.measured[block] & direction) return;
    this.measured[block] |= direction;
    const { frame, m, step, sampledLines } = this;
    const w = frame.w;
    const [along, across] = direction === HORIZONTAL ? [w, 1] : [1, w];
    const corner = this.corner(block);
    let sum = 0;
    for (let line = 0; line < m; line += step) sum += lumaSteps(frame.gray, corner + line * along, across, across, m - 1);
    (direction === HORIZONTAL ? this.hInside : this.vInside)[block * PLANES] = sum / (sampledLines * (m - 1));
  }

  /** Fills in the block's chroma inside and middle steps (and its luma ones, summed line by line). */
  chroma(block: number): void {
    if (this.measured[block] & CHROMA) return;
    this.measured[block] = MIDDLES | HORIZONTAL | VERTICAL | CHROMA;
    const { frame, m, step, sampledLines, middle } = this;
    const w = frame.w;
    const at = block * PLANES;
    const corner = this.corner(block);
    const inside = sampledLines * (m - 1);
    for (const out of [this.hInside, this.vInside, this.hMiddle, this.vMiddle]) out.fill(0, at, at + PLANES);
    for (let line = 0; line < m; line += step) {
      addSteps(frame, corner + line * w, 1, 1, m - 1, this.hInside, at, inside);
      addSteps(frame, corner + line, w, w, m - 1, this.vInside, at, inside);
    }
    addSteps(frame, corner + middle, 1, step * w, sampledLines, this.hMiddle, at, sampledLines);
    addSteps(frame, corner + middle * w, w, step, sampledLines, this.vMiddle, at, sampledLines);
  }

  private corner(block: number): number {
    const bx = block % this.cols;
    const by = (block - bx) / this.cols;
    return by * this.m * this.frame.w + bx * this.m;
  }
}

/**
 * The arrays behind BlockSteps, kept for the next frame with as many blocks: allocating them (230 kB for a
 * 352x288 plane) took about 20 us, a tenth of the check. Only what is summed into (the edges) and the
 * measured marks are cleared: every other entry is written before it is read.
 */
class StepArrays {
  private static spare: StepArrays | undefined;
  readonly leftEdge: Float64Array;
  readonly topEdge: Float64Array;
  readonly hInside: Float64Array;
  readonly vInside: Float64Array;
  readonly hMiddle: Float64Array;
  readonly vMiddle: Float64Array;
  readonly measured: Uint8Array;

  private constructor(readonly blocks: number) {
    const size = blocks * PLANES;
    this.leftEdge = new Float64Array(size);
    this.topEdge = new Float64Array(size);
    this.hInside = new Float64Array(size);
    this.vInside = new Float64Array(size);
    this.hMiddle = new Float64Array(size);
    this.vMiddle = new Float64Array(size);
    this.measured = new Uint8Array(blocks);
  }

  static cleared(blocks: number): StepArrays {
    const spare = StepArrays.spare;
    if (spare?.blocks !== blocks) return (StepArrays.spare = new StepArrays(blocks));
    spare.leftEdge.fill(0);
    spare.topEdge.fill(0);
    spare.measured.fill(0);
    return spare;
  }
}

/** Parts of a block's steps, measured when asked for. */
const MIDDLES = 1;
const HORIZONTAL = 2;
const VERTICAL = 4;
const CHROMA = 8;

/**
 * The constructor's pass over every block (edges in all planes, vertical luma steps inside), in a function of
 * its own: optimised as one, with its values in locals rather than read from the object under construction.
 */
function measureEveryBlock(steps: BlockSteps, frame: Frame, rows: number, maxSmearStep: number): void {
  const { m, cols, step, sampledLines, leftEdge, topEdge, vInside } = steps;
  const { w, gray } = frame;
  const edgeLines = Math.ceil(m / EDGE_STEP);
  const inside = sampledLines * (m - 1);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      const at = (by * cols + bx) * PLANES;
      const corner = by * m * w + bx * m;
      // Across the left edge (from the neighbour's last column) and the top edge, on every EDGE_STEP-th line.
      if (bx > 0) addSteps(frame, corner - 1, 1, EDGE_STEP * w, edgeLines, leftEdge, at, edgeLines);
      if (by > 0) addSteps(frame, corner - w, w, EDGE_STEP, edgeLines, topEdge, at, edgeLines);
      // Only as far as it takes to rule a smear out: a textured block stops after its first column, and its
      // vertical steps hold a lower bound until lumaInside() measures them in full.
      let v = 0;
      for (let line = 0; line < m && v / inside <= maxSmearStep; line += step) v += lumaSteps(gray, corner + line, w, w, m - 1);
      vInside[at] = v / inside;
    }
  }
}

/** Summed |luma step| between p and p + across for p = first, first + along, ... (n pixels). */
function lumaSteps(gray: Uint8Array, first: number, across: number, along: number, n: number): number {
  let sum = 0;
  for (let k = 0, a = first; k < n; k++, a += along) {
    const d = gray[a + across] - gray[a];
    sum += Math.abs(d);
  }
  return sum;
}

/**
 * Adds to out[at..at + 2] the mean (sum / count) |step| in luma, R - G and B - G between the pixels p and
 * p + across, for p = first, first + along, ... (n pixels). Sums in locals and writes once: a hot loop.
 */
function addSteps(
  frame: Frame,
  first: number,
  across: number,
  along: number,
  n: number,
  out: Float64Array,
  at: number,
  count: number,
): void {
  const { gray, rgb } = frame;
  let sl = 0,
    sr = 0,
    sb = 0;
  for (let k = 0, a = first; k < n; k++, a += along) {
    const b = a + across;
    const i = 3 * a,
      j = 3 * b;
    const g = rgb[j + 1] - rgb[i + 1];
    const dl = gray[b] - gray[a];
    const dr = rgb[j] - rgb[i] - g;
    const db = rgb[j + 2] - rgb[i + 2] - g;
    sl += Math.abs(dl);
    sr += Math.abs(dr);
    sb += Math.abs(db);
  }
  out[at] += sl / count;
  out[at + 1] += sr / count;
  out[at + 2] += sb / count;
}

/**
 * Whether the block's top (or left) edge is a seam: the mean step across it, in luma or in either chroma,
 * is at least `minBoundaryStep` and `minBoundaryRatio` times the mean step in the same direction inside this
 * block and the one across the edge.
 */
function isSeam(steps: BlockSteps, edge: "top" | "left", block: number, neighbour: number, t: Thresholds["garbled"]): boolean {
  const across = edge === "top" ? steps.topEdge : steps.leftEdge;
  for (let plane = 0; plane < PLANES; plane++) {
    // A colour seam must be CHROMA_STEP_FACTOR times larger: most blocks stop here, before their chroma is read.
    const minStep = plane ? CHROMA_STEP_FACTOR * t.minBoundaryStep : t.minBoundaryStep;
    const boundary = across[block * PLANES + plane];
    if (boundary < minStep) continue;
    const at = block * PLANES + plane,
      next = neighbour * PLANES + plane;
    // A copied block breaks the macroblock edge; compression blocking marks its middle as much as its edge.
    // The middles are measured first: in luma they settle most edges at a seventh of the cost of the insides.
    if (plane) {
      steps.chroma(block);
      steps.chroma(neighbour);
    } else {
      steps.lumaMiddles(block);
      steps.lumaMiddles(neighbour);
    }
    const middle = edge === "top" ? steps.vMiddle : steps.hMiddle;
    if (boundary < MIDLINE_RATIO * ((middle[at] + middle[next]) / 2)) continue;
    if (!plane) {
      steps.lumaInside(block, edge === "top" ? VERTICAL : HORIZONTAL);
      steps.lumaInside(neighbour, edge === "top" ? VERTICAL : HORIZONTAL);
    }
    const inside = edge === "top" ? steps.vInside : steps.hInside;
    if (boundary >= t.minBoundaryRatio * ((inside[at] + inside[next]) / 2)) return true;
  }
  return false;
}

/** Rows of the block repeat each other (vertical luma steps near zero) while each row has texture. */
function isSmear(steps: BlockSteps, block: number, t: Thresholds["garbled"]): boolean {
  if (steps.vInside[block * PLANES] > t.maxSmearStep) return false;
  steps.lumaInside(block, HORIZONTAL);
  return steps.hInside[block * PLANES] >= t.minSmearTexture;
}
