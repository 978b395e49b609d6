import "server-only";
import path from "node:path";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { GrabError } from "./grab-error";
import { requireImage, statSource } from "./image-bytes";
import { ONE_JPEG_FRAME, QUIET, runFfmpeg } from "./run-ffmpeg";
import { resolveSourcePath } from "./source-path";

/** Seconds of video between two grabs of one camera: successive frames differ as a live camera's do. */
const STEP_SECONDS = 1;
/** Seeking into the last moments of a file can land after the last frame and yield nothing. */
const END_MARGIN_SECONDS = 0.5;

/** Probed durations by file; the size and modification time tell when a file was replaced. */
const durations = new Map<string, { version: string; seconds: number }>();
/**
 * How many grabs each video camera made in this process. Like the folder cursor this is per process
 * on purpose: video-file cameras are for demos and tests, and any position in the video is a valid frame.
 */
const grabCount = new Map<number, number>();

/** A video_file camera plays its file: each grab takes the frame STEP_SECONDS after the last, wrapping around. */
export async function grabVideoFile(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const file = await resolveSourcePath(camera.sourceUri);
  const stat = await statSource(file);
  if (!stat.isFile()) throw new GrabError("not_file");
  const seconds = await videoDuration(file, `${stat.size}:${stat.mtimeMs}`, signal);
  const n = grabCount.get(camera.id) ?? 0;
  grabCount.set(camera.id, n + 1);
  const span = seconds - END_MARGIN_SECONDS;
  const offset = span > 0 ? (n * STEP_SECONDS) % span : 0;
  const image = await runFfmpeg({
    args: [...QUIET, "-ss", offset.toFixed(3), "-i", file, ...ONE_JPEG_FRAME],
    signal,
    failure: "decode",
  });
  return {
    image: requireImage(image),
    capturedAt: new Date(),
    sourceFrame: `${path.basename(file)} @ ${offset.toFixed(1)} s`,
  };
}

/** The file's duration in seconds (0 if the container does not say), read once per file version. */
async function videoDuration(file: string, version: string, signal: AbortSignal): Promise<number> {
  const known = durations.get(file);
  if (known?.version === version) return known.seconds;
  // ffmpeg describes its input on stderr ("Duration: 00:00:03.00"): no ffprobe needed, which the
  // npm fallback binary does not include.
  const description = (
    await runFfmpeg({ args: ["-hide_banner", "-nostdin", "-i", file], signal, failure: "decode", output: "stderr" })
  ).toString("utf8");
  if (!/Stream #\d+:\d+.*: Video:/.test(description)) throw new GrabError("decode");
  const [, h, m, s] = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(description) ?? [];
  const seconds = h === undefined ? 0 : Number(h) * 3600 + Number(m) * 60 + Number(s);
  durations.set(file, { version, seconds: Number.isFinite(seconds) ? seconds : 0 });
  return durations.get(file)!.seconds;
}
