import "server-only";
import type { Pixels } from "./test-frames";

/**
 * Decoder faults drawn onto real frames for the tests, the way the public set's README describes them:
 * mosaic (a band or the whole frame pixelated in 12-24 px blocks) and a garbled decode (from some row down,
 * 16 px macroblocks copied from wrong places in wrong colours, or the last good row smeared down).
 */

/** Deterministic uniform numbers in [0, 1). */
export function uniformSource(seed = 1): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Replaces rows y0..y1 with `block`-px squares of their mean colour, on a grid from the band's top-left corner. */
export function pixelate(p: Pixels, block: number, y0 = 0, y1 = p.height): Pixels {
  const data = new Uint8ClampedArray(p.data);
  for (let by = y0; by < y1; by += block) {
    for (let bx = 0; bx < p.width; bx += block) {
      const ys = Math.min(y1, by + block);
      const xs = Math.min(p.width, bx + block);
      const sum = [0, 0, 0];
      for (let y = by; y < ys; y++) for (let x = bx; x < xs; x++) for (let c = 0; c < 3; c++) sum[c] += p.data[3 * (y * p.width + x) + c];
      const n = (ys - by) * (xs - bx);
      for (let y = by; y < ys; y++) for (let x = bx; x < xs; x++) for (let c = 0; c < 3; c++) data[3 * (y * p.width + x) + c] = sum[c] / n;
    }
  }
  return { ...p, data };
}

const MB = 16;

/**
 * From macroblock row `startRow` down, every macroblock is replaced by one of: a block copied from a random
 * place with its channels swapped and scaled, or its top row smeared down (what a decoder shows when it
 * runs out of data).
 */
export function garble(p: Pixels, startRow: number, seed = 7): Pixels {
  const random = uniformSource(seed);
  const data = new Uint8ClampedArray(p.data);
  const at = (x: number, y: number, c: number) => 3 * (y * p.width + x) + c;
  for (let by = startRow * MB; by + MB <= p.height; by += MB) {
    for (let bx = 0; bx + MB <= p.width; bx += MB) {
      if (random() < 0.25) {
        for (let y = by; y < by + MB; y++)
          for (let x = bx; x < bx + MB; x++) for (let c = 0; c < 3; c++) data[at(x, y, c)] = data[at(x, by - 1, c)];
        continue;
      }
      const sx = Math.floor(random() * (p.width - MB));
      const sy = Math.floor(random() * (p.height - MB));
      const order = [0, 1, 2].sort(() => random() - 0.5);
      const gain = [0.6 + random(), 0.6 + random(), 0.6 + random()];
      for (let y = 0; y < MB; y++) {
        for (let x = 0; x < MB; x++) {
          for (let c = 0; c < 3; c++) data[at(bx + x, by + y, c)] = p.data[at(sx + x, sy + y, order[c])] * gain[c];
        }
      }
    }
  }
  return { ...p, data };
}
