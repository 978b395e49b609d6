import "server-only";

/**
 * Why a grab failed. The executor records any GrabError as the finding `offline` for the camera and
 * shows the sentence; the reason lets the UI and alerts tell a dead camera from a misconfigured one.
 */
export const GRAB_ERROR_REASONS = [
  "timeout", // no frame within the camera's timeout
  "aborted", // the caller cancelled the grab (task cancelled, process shutting down)
  "not_found", // the file or folder does not exist
  "empty", // an empty folder, an empty file or response, or a video that yields no frame
  "not_image", // the bytes (or the declared content type) are not an image
  "too_large", // the response or frame exceeds the size cap
  "unreachable", // connection refused, unknown host, TLS failure, RTSP stream cannot be opened
  "http_status", // the HTTP server answered with an error status (401, 404, 500...) or a redirect loop
  "decode", // ffmpeg could not read or decode the video
  "ffmpeg_missing", // ffmpeg or ffprobe is not installed
] as const;

export type GrabErrorReason = (typeof GRAB_ERROR_REASONS)[number];

/** A grab that produced no frame. The message is a sentence for people and never contains credentials. */
export class GrabError extends Error {
  constructor(
    readonly reason: GrabErrorReason,
    message: string,
  ) {
    super(message);
    this.name = "GrabError";
  }
}

export const isGrabError = (err: unknown): err is GrabError => err instanceof GrabError;
