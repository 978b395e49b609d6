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

/** Power-of-two shrink so the JPEG decoder can scale in the DCT domain (1/2, 1/4, 1/8). */
export function shrinkFactor(width: number): number {
  let factor = width >= 640 ? 2 : 1;
  while (factor < 8 && width / factor > MAX_WORK_WIDTH) factor *= 2;
  return factor;
}

export async function decodeFrame(image: Buffer): Promise<Frame> {
  if (!Buffer.isBuffer(image) || image.length === 0) throw new FrameDecodeError("empty image data");
  try {
    const jpeg = jpegHeader(image);
    const size = jpeg ?? (await sharp(image).metadata());
    if (!size.width || !size.height) throw new FrameDecodeError("image has no pixel size");
    const factor = shrinkFactor(size.width);
    let pipeline = sharp(image);
    if (factor > 1) {
      // For a JPEG, libjpeg's scaled decode yields exactly ceil(size / factor): nothing is left to resample,
      // so the cheapest kernel is free. Other formats really are resampled.
      pipeline = pipeline.resize(Math.ceil(size.width / factor), Math.ceil(size.height / factor), {
        fit: "fill",
        kernel: jpeg ? "nearest" : "linear",
      });
    }
    // An ordinary colour JPEG (3 components, YCbCr) decodes straight to sRGB; gray, CMYK or alpha need converting.
    if (jpeg?.components !== 3) pipeline = pipeline.removeAlpha().toColourspace("srgb");
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new FrameDecodeError(`unexpected channel count ${info.channels}`);
    return toFrame(size.width, size.height, info.width, info.height, data);
  } catch (error) {
    if (error instanceof FrameDecodeError) throw error;
    throw new FrameDecodeError(`cannot decode image: ${(error as Error).message}`, { cause: error });
  }
}

function toFrame(width: number, height: number, w: number, h: number, rgb: Buffer): Frame {
  const gray = new Uint8Array(w * h);
  const histogram = new Uint32Array(256);
  for (let i = 0, j = 0; i < gray.length; i++, j += 3) {
    // Integer BT.601 weights (77+150+29 = 256).
    const y = (77 * rgb[j] + 150 * rgb[j + 1] + 29 * rgb[j + 2]) >> 8;
    gray[i] = y;
    histogram[y]++;
  }
  return { width, height, w, h, rgb: new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length), gray, histogram };
}

/** Small JPEG preview for the UI, made from the already decoded work plane (no second decode). */
export async function makeThumbnail(frame: Frame, width = 160, quality = 70): Promise<Buffer> {
  return sharp(frame.rgb, { raw: { width: frame.w, height: frame.h, channels: 3 } })
    .resize({ width: Math.min(width, frame.w) })
    .jpeg({ quality })
    .toBuffer();
}
