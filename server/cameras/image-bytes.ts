import "server-only";
import fs from "node:fs/promises";
import { GrabError } from "./grab-error";

/** Largest frame a grab accepts (file, HTTP body or ffmpeg output); a 4K JPEG is about 2-5 MB. */
export const MAX_FRAME_BYTES = 20 * 1024 * 1024;
export const MAX_FRAME_MB = MAX_FRAME_BYTES / 1024 / 1024;

const SIGNATURES: Array<[kind: string, offset: number, bytes: number[]]> = [
  ["jpeg", 0, [0xff, 0xd8, 0xff]],
  ["png", 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["gif", 0, [0x47, 0x49, 0x46, 0x38]],
  ["webp", 8, [0x57, 0x45, 0x42, 0x50]],
];

/** The image format the bytes start with, or null: catches HTML error pages and truncated downloads early. */
export function imageKind(bytes: Uint8Array): string | null {
  const match = SIGNATURES.find(([, offset, sig]) => sig.every((b, i) => bytes[offset + i] === b));
  return match ? match[0] : null;
}

/** Checks that `image` is a non-empty, known image. */
export function requireImage(image: Buffer): Buffer {
  if (image.length === 0) throw new GrabError("empty");
  if (!imageKind(image)) throw new GrabError("not_image");
  return image;
}

/** Reads one image file (already resolved by resolveSourcePath), with the size cap and the grab's signal. */
export async function readImageFile(file: string, signal: AbortSignal): Promise<Buffer> {
  const stat = await statSource(file);
  if (!stat.isFile()) throw new GrabError("not_file");
  if (stat.size > MAX_FRAME_BYTES) throw new GrabError("too_large", { mb: MAX_FRAME_MB });
  return requireImage(await fs.readFile(file, { signal }));
}

/** stat() with the usual failures turned into codes. */
export async function statSource(file: string) {
  try {
    return await fs.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GrabError(code === "EACCES" || code === "EPERM" ? "not_readable" : "not_found");
  }
}
