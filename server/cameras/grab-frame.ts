import "server-only";
import type { CameraSourceType } from "@/server/db/generated/enums";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { logger } from "@/server/logging/logger";
import { openSecret } from "@/server/secrets/seal-secret";
import { GrabError } from "./grab-error";
import { grabHttpSnapshot } from "./grab-http-snapshot";
import { grabImageFile } from "./grab-image-file";
import { grabImageFolder } from "./grab-image-folder";
import { grabRtsp } from "./grab-rtsp";
import { grabVideoFile } from "./grab-video-file";

export { GRAB_ERROR_CODES, GrabError, isGrabError, type GrabErrorCode, type GrabErrorParams } from "./grab-error";

export interface GrabOptions {
  /** Cancels the grab: stops the download or kills ffmpeg. */
  signal?: AbortSignal;
  /** Overrides the camera's grabTimeoutMs. */
  timeoutMs?: number;
}

/** Each source kind produces one frame and stops its work (download, child process) when `signal` aborts. */
type SourceGrabber = (camera: CameraSource, signal: AbortSignal) => Promise<GrabbedFrame>;

const GRABBERS: Record<CameraSourceType, SourceGrabber> = {
  image_file: grabImageFile,
  image_folder: grabImageFolder,
  video_file: grabVideoFile,
  http_snapshot: grabHttpSnapshot,
  rtsp: grabRtsp,
};

/**
 * One frame from a camera, or a GrabError. The grab settles by the timeout at the latest, even if
 * a source ignored its signal, so the executor can always record the camera as offline and go on.
 */
export async function grabFrame(camera: CameraSource, options: GrabOptions = {}): Promise<GrabbedFrame> {
  const grab = GRABBERS[camera.sourceType];
  const source = withOpenPassword(camera);
  const timeoutMs = options.timeoutMs ?? camera.grabTimeoutMs;
  // One controller per grab rather than AbortSignal.any/timeout: the caller's signal may live for a
  // whole run, and here every listener and timer is removed as soon as the grab settles.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  if (options.signal?.aborted) controller.abort();
  const stopped = () => (timedOut ? new GrabError("timeout", { seconds: Math.round(timeoutMs / 100) / 10 }) : new GrabError("aborted"));
  const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(stopped()), { once: true }));

  try {
    if (controller.signal.aborted) throw stopped();
    return await Promise.race([grab(source, controller.signal), aborted]);
  } catch (err) {
    if (controller.signal.aborted) throw stopped();
    if (err instanceof GrabError) throw err;
    // A bug or an unforeseen system error: still a code, still "offline", never a crash; the log has the rest.
    logger.warn({ err, cameraId: camera.id }, "a grab failed in an unforeseen way");
    throw new GrabError("failed");
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}

/** The camera with its password opened (it is stored sealed: server/secrets/seal-secret.ts). */
function withOpenPassword(camera: CameraSource): CameraSource {
  if (camera.sourcePassword === null) return camera;
  try {
    return { ...camera, sourcePassword: openSecret(camera.sourcePassword) };
  } catch (err) {
    logger.warn({ cameraId: camera.id, err: (err as Error).message }, "a camera password could not be opened");
    throw new GrabError("password_unreadable");
  }
}
