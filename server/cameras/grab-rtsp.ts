import "server-only";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { requireImage } from "./image-bytes";
import { ONE_JPEG_FRAME, QUIET, runFfmpeg } from "./run-ffmpeg";
import { resolveCameraHost } from "./source-address";
import { splitCredentials, withCredentials } from "./source-url";

/** One frame of an RTSP stream, over TCP (UDP is often blocked between camera networks and servers). */
export async function grabRtsp(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const embedded = splitCredentials(camera.sourceUri);
  const username = camera.sourceUsername ?? embedded.username;
  const password = camera.sourcePassword ?? embedded.password;
  const url = new URL(embedded.uri);
  const [address] = await resolveCameraHost(url.hostname);
  // ffmpeg is given the address we checked, not the name, so a second lookup cannot lead it elsewhere.
  // rtsps keeps the name: its certificate is checked against it.
  if (url.protocol === "rtsp:") url.hostname = address.includes(":") ? `[${address}]` : address;
  const image = await runFfmpeg({
    tool: "ffmpeg",
    args: [...QUIET, "-rtsp_transport", "tcp", "-i", withCredentials(url.toString(), username, password), ...ONE_JPEG_FRAME],
    signal,
    failure: "no_stream",
    secrets: [username, password],
  });
  return { image: requireImage(image), capturedAt: new Date() };
}
