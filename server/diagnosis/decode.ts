import "server-only";
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
 * A frame reduced to the "work plane" every check runs on. Its pixel pitch is about two source pixels for
 * ordinary camera sizes (640..1920 wide), so distortions defined in source pixels (a 3.5 px blur, an 8 px
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

const MAX_WORK_WIDTH = 960;
/** Below this the 32x24 grid and the stripe spectra have too few pixels: no camera sends such frames. */
const MIN_WIDTH = 64;
const MIN_HEIGHT = 48;

/** Power-of-two reduction from the source to the work plane. */
export function shrinkFactor(width: number): number {
  let factor = width >= 640 ? 2 : 1;
  while (factor < 8 && width / factor > MAX_WORK_WIDTH) factor *= 2;
  return factor;
}

/**
 * Decodes to the work plane. A 2x reduction is done here in one pass over the full decode, together with
 * luma and histogram: sharp skips libjpeg's 1/2 scaled decode for an exact 2x (it guards against libjpeg
 * rounding) and its own reduce costs more than this pass. Larger reductions use sharp, where shrink-on-load
 * does apply.
 */
export async function decodeFrame(image: Buffer): Promise<Frame> {
  if (!Buffer.isBuffer(image) || image.length === 0) throw new FrameDecodeError("empty image data");
  try {
    const jpeg = jpegHeader(image);
    const size = jpeg ?? (await sharp(image).metadata());
    if (!size.width || !size.height) throw new FrameDecodeError("image has no pixel size");
    if (size.width < MIN_WIDTH || size.height < MIN_HEIGHT) {
      throw new FrameDecodeError(`frame too small to diagnose: ${size.width}x${size.height}`);
    }
    const factor = shrinkFactor(size.width);
    let pipeline = sharp(image);
    if (factor > 2) pipeline = pipeline.resize({ width: Math.round(size.width / factor) });
    // An ordinary colour JPEG (3 components, YCbCr) decodes straight to sRGB; gray, CMYK or alpha need converting.
    if (jpeg?.components !== 3) pipeline = pipeline.removeAlpha().toColourspace("srgb");
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new FrameDecodeError(`unexpected channel count ${info.channels}`);
    const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
    return factor === 2 && info.width >= 2 && info.height >= 2
      ? halve(size.width, size.height, rgb, info.width, info.height)
      : withLuma(size.width, size.height, rgb, info.width, info.height);
  } catch (error) {
    if (error instanceof FrameDecodeError) throw error;
    throw new FrameDecodeError(`cannot decode image: ${(error as Error).message}`, { cause: error });
  }
}

/** Integer BT.601 luma (weights 77 + 150 + 29 = 256). */
const luma = (r: number, g: number, b: number) => (77 * r + 150 * g + 29 * b) >> 8;

function withLuma(width: number, height: number, rgb: Uint8Array, w: number, h: number): Frame {
  const gray = new Uint8Array(w * h);
  const histogram = new Uint32Array(256);
  for (let i = 0, j = 0; i < gray.length; i++, j += 3) {
    const y = luma(rgb[j], rgb[j + 1], rgb[j + 2]);
    gray[i] = y;
    histogram[y]++;
  }
  return { width, height, w, h, rgb, gray, histogram };
}

/** 2x2 box average of a full-size decode (an odd last row or column is dropped). */
function halve(width: number, height: number, src: Uint8Array, sw: number, sh: number): Frame {
  const w = sw >> 1;
  const h = sh >> 1;
  const rgb = new Uint8Array(w * h * 3);
  const gray = new Uint8Array(w * h);
  const histogram = new Uint32Array(256);
  const stride = 3 * sw;
  for (let y = 0; y < h; y++) {
    for (let x = 0, j = 2 * y * stride, o = y * w; x < w; x++, j += 6, o++) {
      const k = j + stride;
      const r = (src[j] + src[j + 3] + src[k] + src[k + 3] + 2) >> 2;
      const g = (src[j + 1] + src[j + 4] + src[k + 1] + src[k + 4] + 2) >> 2;
      const b = (src[j + 2] + src[j + 5] + src[k + 2] + src[k + 5] + 2) >> 2;
      rgb[3 * o] = r;
      rgb[3 * o + 1] = g;
      rgb[3 * o + 2] = b;
      const v = luma(r, g, b);
      gray[o] = v;
      histogram[v]++;
    }
  }
  return { width, height, w, h, rgb, gray, histogram };
}

/** Small JPEG preview for the UI, made from the already decoded work plane (no second decode). */
export async function makeThumbnail(frame: Frame, width = 160, quality = 70): Promise<Buffer> {
  return sharp(frame.rgb, { raw: { width: frame.w, height: frame.h, channels: 3 } })
    .resize({ width: Math.min(width, frame.w) })
    .jpeg({ quality })
    .toBuffer();
}
