import "server-only";
import type { Frame } from "./decode";

/**
 * Mean-luma profiles along rows and columns, read once per frame for the two checks that use them: the stripe
 * check wants them per strip of the frame (a stripe spans every strip in phase), the fingerprint wants them
 * for the whole frame (a shift of the picture shifts them, for shake). Both are means, so every other row and
 * column is enough; the whole-frame profiles are the strips' sums, with no second pass.
 */
export const STRIPS = 8;

export interface LineProfiles {
  /** Mean luma of each row, over the even columns of each of STRIPS vertical strips: [strip][y]. */
  stripRows: Float64Array[];
  /** Mean luma of each column, over the even rows of each of STRIPS horizontal strips: [strip][x]. */
  stripColumns: Float64Array[];
  /** Mean luma of each row over all even columns, and of each column over all even rows. */
  rows: Float64Array;
  columns: Float64Array;
}

const cache = new WeakMap<Frame, LineProfiles>();

export function lineProfiles(frame: Frame): LineProfiles {
  let profiles = cache.get(frame);
  if (!profiles) {
    profiles = compute(frame.gray, frame.w, frame.h);
    cache.set(frame, profiles);
  }
  return profiles;
}

function compute(gray: Uint8Array, w: number, h: number): LineProfiles {
  const stripRows = Array.from({ length: STRIPS }, () => new Float64Array(h));
  const columnSums = Array.from({ length: STRIPS }, () => new Float64Array(w));
  const columnCounts = new Int32Array(STRIPS);
  const rows = new Float64Array(h);
  // Even columns from each strip's first one; strips split the width as evenly as whole pixels allow.
  const starts = new Int32Array(STRIPS + 1);
  for (let s = 0; s <= STRIPS; s++) {
    const edge = Math.round((s * w) / STRIPS);
    starts[s] = edge + (edge & 1);
  }
  const evenColumns = Math.ceil(w / 2);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let total = 0;
    for (let s = 0; s < STRIPS; s++) {
      let sum = 0;
      for (let i = row + starts[s], end = row + Math.min(w, starts[s + 1]); i < end; i += 2) sum += gray[i];
      const n = Math.ceil((Math.min(w, starts[s + 1]) - starts[s]) / 2);
      stripRows[s][y] = n > 0 ? sum / n : 0;
      total += sum;
    }
    rows[y] = total / evenColumns;
    if (y & 1) continue;
    const strip = Math.floor((y * STRIPS) / h);
    const sums = columnSums[strip];
    for (let x = 0; x < w; x++) sums[x] += gray[row + x];
    columnCounts[strip]++;
  }
  const columns = new Float64Array(w);
  const stripColumns = columnSums.map((sums, s) => {
    const profile = new Float64Array(w);
    const n = columnCounts[s] || 1;
    for (let x = 0; x < w; x++) {
      profile[x] = sums[x] / n;
      columns[x] += sums[x];
    }
    return profile;
  });
  const evenRows = Math.ceil(h / 2);
  for (let x = 0; x < w; x++) columns[x] /= evenRows;
  return { stripRows, stripColumns, rows, columns };
}
