import "server-only";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { requireImage } from "./image-bytes";
import { ONE_JPEG_FRAME, QUIET, runFfmpeg } from "./run-ffmpeg";
import { displayUrl, splitCredentials, withCredentials } from "./source-url";

/** One frame of an RTSP stream, over TCP (UDP is often blocked between camera networks and servers). */
export async function grabRtsp(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const embedded = splitCredentials(camera.sourceUri);
  const username = camera.sourceUsername ?? embedded.username;
  const password = camera.sourcePassword ?? embedded.password;
  const what = `RTSP stream ${displayUrl(camera.sourceUri)}`;
  const image = await runFfmpeg({
    tool: "ffmpeg",
    args: [...QUIET, "-rtsp_transport", "tcp", "-i", withCredentials(embedded.uri, username, password), ...ONE_JPEG_FRAME],
    signal,
    failure: { reason: "unreachable", message: `${what} could not be read` },
    secrets: [username, password],
  });
  return { image: requireImage(image, `The frame from ${what}`), capturedAt: new Date() };
}
