import "server-only";

/**
 * Frame builders for the tests: public fixture frames and synthetic degradations of them, encoded as JPEG
 * like a camera would deliver them.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

export const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/vqd-public");

export function fixture(relative: string): Buffer {
  return readFileSync(path.join(FIXTURES, relative));
}

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export async function pixelsOf(jpeg: Buffer): Promise<Pixels> {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

export function encode(p: Pixels, quality = 90): Promise<Buffer> {
  return sharp(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.length), {
    raw: { width: p.width, height: p.height, channels: 3 },
  })
    .jpeg({ quality })
    .toBuffer();
}

/** Applies fn to every channel value; fn gets the value, channel (0..2) and pixel coordinates. */
export function mapPixels(p: Pixels, fn: (v: number, c: number, x: number, y: number) => number): Pixels {
  const out = new Uint8ClampedArray(p.data.length);
  for (let i = 0; i < p.data.length; i++) {
    const px = Math.floor(i / 3);
    out[i] = fn(p.data[i], i % 3, px % p.width, Math.floor(px / p.width));
  }
  return { ...p, data: out };
}

export function solid(width: number, height: number, rgb: [number, number, number]): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Deterministic standard normal numbers (Box-Muller over a small LCG). */
export function gaussianSource(seed = 1): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Border kept around a displaced view, so a shift never runs off the source frame. */
const VIEW_MARGIN = 32;

/**
 * A camera's view of a fixture frame: cropped by VIEW_MARGIN, displaced by (dx, dy) source px and turned
 * by `degrees`, as a shaking mount shows it.
 */
export async function displacedView(name: string, dx: number, dy: number, degrees = 0): Promise<Buffer> {
  const source = fixture(name);
  const { width, height } = await sharp(source).metadata();
  const turned = degrees ? await sharp(source).rotate(degrees, { background: "#808080" }).toBuffer() : source;
  const meta = await sharp(turned).metadata();
  const left = Math.round((meta.width! - width!) / 2) + VIEW_MARGIN + dx;
  const top = Math.round((meta.height! - height!) / 2) + VIEW_MARGIN + dy;
  return sharp(turned)
    .extract({ left, top, width: width! - 2 * VIEW_MARGIN, height: height! - 2 * VIEW_MARGIN })
    .jpeg({ quality: 90 })
    .toBuffer();
}
