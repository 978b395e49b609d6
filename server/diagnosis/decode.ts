import "server-only";
import { randomBytes } from "node:crypto";
import { accessSync, constants, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { jpegHeader } from "./image-size";

/** Thrown for bytes that are not a decodable image (empty grab, HTML error page, truncated file ...). */
export class FrameDecodeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FrameDecodeError";
  }
}

/**
 * A frame reduced to the "work plane" every check runs on. Its pixel pitch is two source pixels for camera
 * sizes from 640 to 3840 wide (VGA to 4K), so distortions defined in source pixels (a 3.5 px blur, an 8 px
 * stripe period) keep the same size on the plane whatever the camera resolution.
 */
export interface Frame {
  width: number; // original frame
  height: number;
  w: number; // work plane
  h: number;
  rgb: Uint8Array; // w*h*3, interleaved
  gray: Uint8Array; // w*h, BT.601 luma
  histogram: Uint32Array; // 256 bins of gray
}

/**
 * Wider sources are reduced further (8K to a quarter). Quartering 2560..3840 wide frames, as before, made a 3.5-7
 * source px blur 0.9-1.75 plane px: 11 of 14 blurred 4-8 MP frames passed as sharp. A 4K plane costs about 20
 * times a D1 one to check, once per grab of such a camera.
 */
const MAX_WORK_WIDTH = 1920;
/** Below this the 32x24 grid and the stripe spectra have too few pixels: no camera sends such frames. */
const MIN_WIDTH = 64;
const MIN_HEIGHT = 48;

/**
 * Source pixels per work-plane pixel of ordinary cameras (640..3840 wide): thresholds given in work-plane px
 * (stripe periods) are written for it.
 */
export const ORDINARY_PLANE_SCALE = 2;

/** Power-of-two reduction from the source to the work plane. */
export function shrinkFactor(width: number): number {
  let factor = width >= 640 ? ORDINARY_PLANE_SCALE : 1;
  while (factor < 8 && width / factor > MAX_WORK_WIDTH) factor *= 2;
  return factor;
}

/**
 * Decodes to the work plane. A colour JPEG is decoded by libjpeg straight at 1/2 (or 1/4, 1/8) of its size
 * (DCT scaling, "shrink-on-load"): it never exists at full size, which makes the decode cheaper than a plain
 * full-size decode. Other images (PNG, WebP, grey or CMYK JPEG) are decoded by sharp and reduced with it.
 *
 * Why a file: sharp 0.35 takes no JPEG load options for a buffer, and its resize only asks libjpeg for a
 * shrink when the wanted reduction is at least one more than that shrink (src/pipeline.cc halves it when
 * `int(shrink) == jpegShrinkOnLoad`, against libjpeg rounding), so an exact 2x never gets it, with or without
 * `fastShrinkOnLoad`. Measured on the public set (704x576, one core): resize to width/2 from a buffer
 * 3.5 ms/frame (a full decode and a reduce), a full decode 2.3-2.7 ms, the shrink=2 load option on a file in
 * RAM (/dev/shm, tmpfs) 1.8-2.0 ms. So the bytes go to a private tmpfs file and libvips' JPEG loader gets the
 * shrink as a load option; written and removed synchronously: on tmpfs that is a memory copy, cheaper than two
 * round trips through libuv's thread pool. A caller that read the bytes from a file names it (`file`): libvips
 * then reads that file itself, with no scratch copy.
 */
export async function decodeFrame(image: Buffer, file?: string): Promise<Frame> {
  if (!Buffer.isBuffer(image) || image.length === 0) throw new FrameDecodeError("empty image data");
  try {
    const jpeg = jpegHeader(image);
    const size = jpeg ?? (await sharp(image).metadata());
    if (!size.width || !size.height) throw new FrameDecodeError("image has no pixel size");
    if (size.width < MIN_WIDTH || size.height < MIN_HEIGHT) {
      throw new FrameDecodeError(`frame too small to diagnose: ${size.width}x${size.height}`);
    }
    const factor = shrinkFactor(size.width);
    const { data, info } =
      jpeg?.components === 3 && factor > 1
        ? await shrinkOnLoad(image, factor, file)
        : await (factor > 1 ? sharp(image).resize({ width: Math.round(size.width / factor) }) : sharp(image))
            .removeAlpha()
            .toColourspace("srgb")
            .raw()
            .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new FrameDecodeError(`unexpected channel count ${info.channels}`);
    const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return withLuma(size.width, size.height, rgb, info.width, info.height);
  } catch (error) {
    if (error instanceof FrameDecodeError) throw error;
    throw new FrameDecodeError(`cannot decode image: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Every frame is decoded once, from its own file or buffer: libvips' operation cache can never hit, yet
 * keeping each decode in it costs CPU (0.1-0.3 ms a frame less without it, alternating runs of
 * `easysight diagnose` on the public set) and holds up to 50 MB. Set here, so that every process that
 * decodes frames (worker, web server, `easysight diagnose`) runs without it.
 */
sharp.cache(false);

let scratchPrefix: string | undefined;
let scratchCount = 0;

/**
 * Where this process's frame files go: in RAM where the system has one (/dev/shm), else the temp directory,
 * under a name no other process can guess. No directory of our own: a process killed without running its
 * exit handlers would leave one behind for good, whereas a frame file lives only for one decode.
 */
function scratch(): string {
  if (!scratchPrefix) {
    let dir = "/dev/shm";
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      dir = tmpdir();
    }
    scratchPrefix = path.join(dir, `easysight-${process.pid}-${randomBytes(8).toString("hex")}-`);
  }
  return scratchPrefix;
}

/**
 * libjpeg DCT-scaled decode at 1/factor (factor 2, 4 or 8). The caller's own file is read by libvips directly
 * (0.15-0.2 ms less of the main thread a frame than writing and removing a copy), unless its name ends in "]",
 * which libvips would take for load options. Bytes of no file get a scratch file of their own: no cache can mix
 * them.
 */
async function shrinkOnLoad(image: Buffer, factor: number, file?: string) {
  if (file !== undefined && !file.endsWith("]")) return loadShrunk(file, factor);
  const scratchFile = `${scratch()}${scratchCount++}.jpg`;
  // Created exclusively (never through a planted link) and readable by this user only: frames can be private.
  writeFileSync(scratchFile, image, { flag: "wx", mode: 0o600 });
  try {
    return await loadShrunk(scratchFile, factor);
  } finally {
    try {
      unlinkSync(scratchFile);
    } catch {
      // Already removed (a cleaner of the temp directory): the decode's result still stands.
    }
  }
}

const loadShrunk = (file: string, factor: number) => sharp(`${file}[shrink=${factor}]`).raw().toBuffer({ resolveWithObject: true });

/** Integer BT.601 luma (weights 77 + 150 + 29 = 256). */
const luma = (r: number, g: number, b: number) => (77 * r + 150 * g + 29 * b) >> 8;

/** Whether a Uint32Array over bytes reads the first byte as its lowest 8 bits (x86, ARM as run). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Luma and its histogram in one pass, which runs on the main thread for every frame (0.3 ms at 352x288 done
 * byte by byte). Four pixels are read as three 32-bit words and their lumas written as one, and each of the
 * four goes to its own histogram, summed at the end: fewer loads, stores and bounds checks, and consecutive
 * increments of one bin (flat areas) no longer wait on each other. Measured 0.19-0.27 ms against 0.29-0.36 ms,
 * same output; the one store for four lumas another 0.02 ms less.
 */
function withLuma(width: number, height: number, rgb: Uint8Array, w: number, h: number): Frame {
  const n = w * h;
  const gray = new Uint8Array(n);
  const bins = new Uint32Array(4 * 256);
  // Word reads need a 4-byte aligned start; otherwise every pixel takes the byte-wise loop below.
  const quads = LITTLE_ENDIAN && rgb.byteOffset % 4 === 0 ? n & ~3 : 0;
  const words = new Uint32Array(rgb.buffer, quads ? rgb.byteOffset : 0, (3 * quads) / 4);
  const grayWords = new Uint32Array(gray.buffer, 0, quads / 4);
  let i = 0;
  for (let q = 0; i < quads; i += 4, q += 3) {
    // Bytes r0 g0 b0 r1 | g1 b1 r2 g2 | b2 r3 g3 b3, lowest byte first.
    const a = words[q];
    const b = words[q + 1];
    const c = words[q + 2];
    const y0 = luma(a & 255, (a >>> 8) & 255, (a >>> 16) & 255);
    const y1 = luma(a >>> 24, b & 255, (b >>> 8) & 255);
    const y2 = luma((b >>> 16) & 255, b >>> 24, c & 255);
    const y3 = luma((c >>> 8) & 255, (c >>> 16) & 255, c >>> 24);
    grayWords[i >> 2] = y0 | (y1 << 8) | (y2 << 16) | (y3 << 24);
    bins[y0]++;
    bins[256 + y1]++;
    bins[512 + y2]++;
    bins[768 + y3]++;
  }
  for (let j = 3 * i; i < n; i++, j += 3) {
    const y = luma(rgb[j], rgb[j + 1], rgb[j + 2]);
    gray[i] = y;
    bins[y]++;
  }
  const histogram = new Uint32Array(256);
  for (let k = 0; k < 256; k++) histogram[k] = bins[k] + bins[256 + k] + bins[512 + k] + bins[768 + k];
  return { width, height, w, h, rgb, gray, histogram };
}

/** Source pixels per work-plane pixel of a decoded frame (1, 2, 4 or 8). */
export function planeScale(frame: Frame): number {
  return Math.max(1, Math.round(frame.width / frame.w));
}

/** Small JPEG preview for the UI, made from the already decoded work plane (no second decode). */
export async function makeThumbnail(frame: Frame, width = 160, quality = 70): Promise<Buffer> {
  return sharp(frame.rgb, { raw: { width: frame.w, height: frame.h, channels: 3 } })
    .resize({ width: Math.min(width, frame.w) })
    .jpeg({ quality })
    .toBuffer();
}
