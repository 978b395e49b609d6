import "server-only";
import { GRID_COLS, GRID_ROWS } from "./cells";
import { lineProfiles } from "./line-profiles";
import type { Frame } from "./decode";

/**
 * A frame's fingerprint, stored per camera and handed back as history for the temporal checks (~1.9 KB):
 *  - the 32x24 grid of cell-mean luma (cells.ts): the scene's layout, for scene_change;
 *  - 256 single work-plane pixels at fixed pseudo-random spots: a live camera's sensor noise changes them
 *    from frame to frame even when nothing moves, a frozen stream repeats them exactly, for freeze;
 *  - (version 2) the mean luma of the frame's columns and rows, resampled to 256 and 192 bins, in 1/64 levels:
 *    a shift of the picture shifts them, for shake.
 * Layout: version, work-plane width and height (u16 BE), thumbnail, samples, then (version 2) column and row
 * profiles (u16 BE). Version 1 fingerprints, stored before shake existed, still parse, without profiles.
 */
const VERSION = 2;
const CELLS = GRID_COLS * GRID_ROWS;
const SAMPLE_COUNT = 256;
export const COLUMN_BINS = 256;
export const ROW_BINS = 192;
const PROFILE_SCALE = 64;
const HEADER = 5;
const V1_SIZE = HEADER + CELLS + SAMPLE_COUNT;
const SIZE = V1_SIZE + 2 * (COLUMN_BINS + ROW_BINS);

export interface Fingerprint {
  w: number;
  h: number;
  thumbnail: Uint8Array;
  samples: Uint8Array;
  /** Mean luma per column bin and per row bin; absent in version 1 fingerprints. */
  profiles?: { columns: Float64Array; rows: Float64Array };
}

export function makeFingerprint(frame: Frame, cellMeans: Float64Array): Buffer {
  const out = Buffer.alloc(SIZE);
  out[0] = VERSION;
  out.writeUInt16BE(frame.w, 1);
  out.writeUInt16BE(frame.h, 3);
  for (let c = 0; c < CELLS; c++) out[HEADER + c] = Math.round(cellMeans[c]);
  const positions = samplePositions(frame.w, frame.h);
  for (let k = 0; k < SAMPLE_COUNT; k++) out[HEADER + CELLS + k] = frame.gray[positions[k]];
  const profiles = lineProfiles(frame);
  const columns = resample(profiles.columns, COLUMN_BINS);
  const rows = resample(profiles.rows, ROW_BINS);
  columns.forEach((v, i) => out.writeUInt16BE(Math.round(v * PROFILE_SCALE), V1_SIZE + 2 * i));
  rows.forEach((v, i) => out.writeUInt16BE(Math.round(v * PROFILE_SCALE), V1_SIZE + 2 * (COLUMN_BINS + i)));
  return out;
}

/** Parses a stored fingerprint; undefined for anything that is not one of ours (unknown version, truncated). */
export function parseFingerprint(data: Buffer | Uint8Array): Fingerprint | undefined {
  if (!data || data.length < 1) return undefined;
  const version = data[0];
  if (!((version === 1 && data.length === V1_SIZE) || (version === VERSION && data.length === SIZE))) return undefined;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  const fingerprint: Fingerprint = {
    w: bytes.readUInt16BE(1),
    h: bytes.readUInt16BE(3),
    thumbnail: bytes.subarray(HEADER, HEADER + CELLS),
    samples: bytes.subarray(HEADER + CELLS, V1_SIZE),
  };
  if (version === VERSION) {
    const read = (offset: number, n: number) => {
      const out = new Float64Array(n);
      for (let i = 0, at = offset; i < n; i++, at += 2) out[i] = ((bytes[at] << 8) | bytes[at + 1]) / PROFILE_SCALE;
      return out;
    };
    fingerprint.profiles = { columns: read(V1_SIZE, COLUMN_BINS), rows: read(V1_SIZE + 2 * COLUMN_BINS, ROW_BINS) };
  }
  return fingerprint;
}

/** Mean over equal spans of the line; a line shorter than the bins repeats its values. */
function resample(line: Float64Array, bins: number): Float64Array {
  const out = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * line.length) / bins);
    const end = Math.max(start + 1, Math.floor(((b + 1) * line.length) / bins));
    let sum = 0;
    for (let i = start; i < end; i++) sum += line[i];
    out[b] = sum / (end - start);
  }
  return out;
}

const positionCache = new Map<string, Int32Array>();

/** Same spots for every frame of a given plane size: a fixed-seed LCG, kept away from the border. */
function samplePositions(w: number, h: number): Int32Array {
  const key = `${w}x${h}`;
  let positions = positionCache.get(key);
  if (!positions) {
    positions = new Int32Array(SAMPLE_COUNT);
    let state = 0x2545f491;
    const next = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    for (let k = 0; k < SAMPLE_COUNT; k++) {
      const x = 2 + Math.floor(next() * Math.max(1, w - 4));
      const y = 2 + Math.floor(next() * Math.max(1, h - 4));
      positions[k] = Math.min(h - 1, y) * w + Math.min(w - 1, x);
    }
    positionCache.set(key, positions);
  }
  return positions;
}
