import "server-only";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { GrabError } from "./grab-error";
import { requireImage } from "./image-bytes";
import { ONE_JPEG_FRAME, QUIET, runFfmpeg } from "./run-ffmpeg";
import { decoderOptions, forgetRtspCodec, rtspVideoCodec } from "./rtsp-codec";
import { resolveCameraHost } from "./source-address";
import { splitCredentials, withCredentials } from "./source-url";

type Transport = "tcp" | "udp";

/**
 * The transport that last worked per `auto` camera, in this process: a camera that only speaks UDP is
 * not asked for TCP first on every grab. A cache only; a restart starts again with TCP.
 */
const lastWorked = new Map<number, Transport>();

const refusedTransport = (err: unknown) => err instanceof GrabError && err.code === "rtsp_status" && err.params.status === 461;
/** Failures after which the other transport may still work (461 Unsupported Transport, a stream that never came). */
const tryOtherTransport = (err: unknown) => refusedTransport(err) || (err instanceof GrabError && err.code === "no_stream");

/** The transports to try, in order: the camera's own choice alone, or for `auto` the one that last worked first. */
function transportsFor(camera: CameraSource): Transport[] {
  if (camera.rtspTransport !== "auto") return [camera.rtspTransport];
  return lastWorked.get(camera.id) === "udp" ? ["udp", "tcp"] : ["tcp", "udp"];
}

/**
 * One frame of an RTSP stream over the camera's transport. `auto`: TCP first (UDP is often blocked
 * between camera networks and servers), then UDP when the server refuses TCP or nothing arrives over
 * it. A transport set by hand is never swapped; a server that refuses it says so (transport_unsupported)
 * instead of a bare status number. A grab that joins mid-GOP must not decode frames whose references
 * it never received (the very 花屏 the garbled check looks for, blamed on the camera): per codec, the
 * decoder waits for a whole picture or only keyframes are decoded (rtsp-codec.ts says which and why).
 */
export async function grabRtsp(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const embedded = splitCredentials(camera.sourceUri);
  const username = camera.sourceUsername ?? embedded.username;
  const password = camera.sourcePassword ?? embedded.password;
  const url = new URL(embedded.uri);
  const [address] = await resolveCameraHost(url.hostname);
  // ffmpeg is given the address we checked, not the name, so a second lookup cannot lead it elsewhere.
  // rtsps keeps the name: its certificate is checked against it.
  if (url.protocol === "rtsp:") url.hostname = address.includes(":") ? `[${address}]` : address;
  const input = withCredentials(url.toString(), username, password);
  const order = transportsFor(camera);
  for (const [i, transport] of order.entries()) {
    const inputArgs = ["-rtsp_transport", transport, "-i", input];
    const secrets = [username, password];
    try {
      const codec = await rtspVideoCodec({ cameraId: camera.id, sourceUri: camera.sourceUri, inputArgs, secrets, signal });
      const image = await runFfmpeg({
        args: [...QUIET, ...decoderOptions(codec), ...inputArgs, ...ONE_JPEG_FRAME],
        signal,
        failure: "no_stream",
        secrets,
      });
      if (camera.rtspTransport === "auto") lastWorked.set(camera.id, transport);
      return { image: requireImage(image), capturedAt: new Date() };
    } catch (err) {
      forgetRtspCodec(camera.id);
      if (order.length === 1 && refusedTransport(err)) throw new GrabError("transport_unsupported", { transport });
      if (i === order.length - 1 || signal.aborted || !tryOtherTransport(err)) throw err;
    }
  }
  throw new GrabError("no_stream");
}
