import "server-only";
import { spawn } from "node:child_process";
import { logger } from "@/server/logging/logger";
import { GrabError, type GrabErrorCode } from "./grab-error";
import { findFfmpeg } from "./ffmpeg-binary";
import { MAX_FRAME_BYTES, MAX_FRAME_MB } from "./image-bytes";

export interface FfmpegRun {
  args: string[];
  signal: AbortSignal;
  /** The code of a non-zero exit whose output says nothing more precise. */
  failure: GrabErrorCode;
  /** Strings that must not appear in a message (credentials in an RTSP URL). */
  secrets?: Array<string | null>;
  /** "stderr": the run only reads the input's description (duration), which ffmpeg prints there; its exit code does not matter. */
  output?: "stdout" | "stderr";
}

/** ffmpeg's arguments to write exactly one frame of its input as JPEG to stdout; goes after `-i <input>`. */
export const ONE_JPEG_FRAME = ["-frames:v", "1", "-f", "image2pipe", "-vcodec", "mjpeg", "-q:v", "3", "-"];
/** Quiet, non-interactive: only errors on stderr, never wait for keyboard input. */
export const QUIET = ["-hide_banner", "-loglevel", "error", "-nostdin"];

/**
 * Runs ffmpeg (the system's or the npm package's: ffmpeg-binary.ts) and returns its stdout. The child
 * is killed when the signal aborts or its output passes the frame size cap, so a stalled stream can
 * never keep a grab (or a process) alive.
 */
export function runFfmpeg(run: FfmpegRun): Promise<Buffer> {
  const ffmpeg = findFfmpeg();
  if (!ffmpeg) return Promise.reject(new GrabError("ffmpeg_missing"));
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, run.args, { stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = "";
    let settled = false;
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    };
    const settle = (err: Error | null, out?: Buffer) => {
      if (settled) return;
      settled = true;
      run.signal.removeEventListener("abort", onAbort);
      if (err) {
        kill();
        reject(err);
      } else resolve(out!);
    };
    const onAbort = () => settle(new GrabError("aborted"));
    run.signal.addEventListener("abort", onAbort, { once: true });
    if (run.signal.aborted) onAbort();

    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FRAME_BYTES) settle(new GrabError("too_large", { mb: MAX_FRAME_MB }));
      else chunks.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "ENOENT") logger.warn({ err, ffmpeg: ffmpeg.path }, "ffmpeg could not be started");
      settle(new GrabError(err.code === "ENOENT" ? "ffmpeg_missing" : "failed"));
    });
    child.on("close", (code, signal) => {
      if (run.output === "stderr") return settle(null, Buffer.from(stderr, "utf8"));
      if (code === 0) return settle(null, Buffer.concat(chunks));
      const detail = lastLine(redact(stderr, run.secrets ?? [])) || `ffmpeg exited with ${code ?? signal}`;
      // The log keeps ffmpeg's words for the operator; the user gets a code, never the server's reply.
      logger.info({ detail }, "ffmpeg gave no frame");
      settle(ffmpegFailure(stderr, run.failure));
    });
  });
}

/** What ffmpeg's error output says went wrong with the camera, as a code. */
export function ffmpegFailure(stderr: string, fallback: GrabErrorCode): GrabError {
  const status = /(?:RTSP\/1\.0|method \w+ failed:|Server returned) (\d{3})/i.exec(stderr)?.[1];
  if (status === "401" || /401 Unauthorized/i.test(stderr)) return new GrabError("auth_failed");
  if (status) return new GrabError("rtsp_status", { status: Number(status) });
  if (/Connection refused/i.test(stderr)) return new GrabError("refused");
  if (/Name or service not known|Temporary failure in name resolution|Failed to resolve/i.test(stderr))
    return new GrabError("unknown_host");
  if (/No route to host|Network is unreachable|Connection reset|Connection timed out/i.test(stderr)) return new GrabError("unreachable");
  if (/Operation timed out|timeout/i.test(stderr)) return new GrabError("no_stream");
  return new GrabError(fallback);
}

function lastLine(text: string): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.at(-1) ?? "").replace(/[.\s]+$/, "").slice(0, 300);
}

/** ffmpeg echoes its input URL in some errors; strip userinfo and any credential, raw or URL-encoded. */
function redact(text: string, secrets: Array<string | null>): string {
  let out = text.replace(/\/\/[^/@\s]*@/g, "//");
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join("***");
  }
  return out;
}
