import "server-only";
import { GRID_COLS, GRID_ROWS } from "./cells";
import type { Frame } from "./decode";

/**
 * A frame's fingerprint, stored per camera and handed back as history for the temporal checks (~1 KB):
 *  - the 32x24 grid of cell-mean luma (cells.ts): the scene's layout, for scene_change;
 *  - 256 single work-plane pixels at fixed pseudo-random spots: a live camera's sensor noise changes them
 *    from frame to frame even when nothing moves, a frozen stream repeats them exactly, for freeze.
 * Layout: version, work-plane width and height (u16 BE), thumbnail, samples.
 */
const VERSION = 1;
const CELLS = GRID_COLS * GRID_ROWS;
const SAMPLE_COUNT = 256;
const HEADER = 5;
const SIZE = HEADER + CELLS + SAMPLE_COUNT;

export interface Fingerprint {
  w: number;
  h: number;
  thumbnail: Uint8Array;
  samples: Uint8Array;
}

export function makeFingerprint(frame: Frame, cellMeans: Float64Array): Buffer {
  const out = Buffer.alloc(SIZE);
  out[0] = VERSION;
  out.writeUInt16BE(frame.w, 1);
  out.writeUInt16BE(frame.h, 3);
  for (let c = 0; c < CELLS; c++) out[HEADER + c] = Math.round(cellMeans[c]);
  const positions = samplePositions(frame.w, frame.h);
  for (let k = 0; k < SAMPLE_COUNT; k++) out[HEADER + CELLS + k] = frame.gray[positions[k]];
  return out;
}

/** Parses a stored fingerprint; undefined for anything that is not one of ours (old version, truncated). */
export function parseFingerprint(data: Buffer | Uint8Array): Fingerprint | undefined {
  if (!data || data.length !== SIZE || data[0] !== VERSION) return undefined;
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
  return {
    w: bytes.readUInt16BE(1),
    h: bytes.readUInt16BE(3),
    thumbnail: bytes.subarray(HEADER, HEADER + CELLS),
    samples: bytes.subarray(HEADER + CELLS),
  };
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
