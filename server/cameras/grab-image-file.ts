import "server-only";
import path from "node:path";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { readImageFile } from "./image-bytes";
import { resolveSourcePath } from "./source-path";

/** An image_file camera always shows the same file (or whatever was last written to it). */
export async function grabImageFile(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const file = await resolveSourcePath(camera.sourceUri);
  const image = await readImageFile(file, signal);
  return { image, capturedAt: new Date(), sourceFrame: path.basename(file) };
}
