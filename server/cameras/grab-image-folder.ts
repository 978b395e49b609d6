import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { GrabError } from "./grab-error";
import { readImageFile, statSource } from "./image-bytes";
import { resolveSourcePath } from "./source-path";

const FRAME_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".webp"]);
/** Digits compare as numbers, so frame-2.jpg comes before frame-10.jpg. */
const byName = new Intl.Collator("en", { numeric: true }).compare;

/**
 * Which frame each folder camera shows next, per camera id and in this process only. That is enough
 * because folder sources exist for demos and tests: if two processes grab the same camera each walks
 * the folder on its own, and a restart starts again at the first frame. Nothing relies on more than
 * "successive grabs in one process step through the frames in order".
 */
const nextFrame = new Map<number, number>();

/** An image_folder camera plays its frames in name order, one per grab, starting over after the last. */
export async function grabImageFolder(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const folder = await resolveSourcePath(camera.sourceUri);
  if (!(await statSource(folder)).isDirectory()) throw new GrabError("not_folder");
  const frames = (await fs.readdir(folder)).filter((name) => FRAME_EXTENSIONS.has(path.extname(name).toLowerCase())).sort(byName);
  if (frames.length === 0) throw new GrabError("empty_folder");
  const index = (nextFrame.get(camera.id) ?? 0) % frames.length;
  nextFrame.set(camera.id, index + 1);
  // A frame may itself be a symlink: it is held to the same roots as the folder.
  const frame = await resolveSourcePath(path.join(folder, frames[index]));
  const image = await readImageFile(frame, signal);
  return { image, capturedAt: new Date(), sourceFrame: frames[index] };
}
