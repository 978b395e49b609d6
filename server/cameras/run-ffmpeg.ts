import "server-only";
import { spawn } from "node:child_process";
import { GrabError, type GrabErrorReason } from "./grab-error";
import { MAX_FRAME_BYTES } from "./image-bytes";

export interface FfmpegRun {
  tool: "ffmpeg" | "ffprobe";
  args: string[];
  signal: AbortSignal;
  /** How a non-zero exit is reported: the reason and the start of the sentence. */
  failure: { reason: GrabErrorReason; message: string };
  /** Strings that must not appear in a message (credentials in an RTSP URL). */
  secrets?: Array<string | null>;
}

/** ffmpeg's arguments to write exactly one frame of its input as JPEG to stdout; goes after `-i <input>`. */
export const ONE_JPEG_FRAME = ["-frames:v", "1", "-f", "image2pipe", "-vcodec", "mjpeg", "-q:v", "3", "-"];
/** Quiet, non-interactive: only errors on stderr, never wait for keyboard input. */
export const QUIET = ["-hide_banner", "-loglevel", "error", "-nostdin"];

/**
 * Runs ffmpeg or ffprobe and returns its stdout. The child is killed when the signal aborts or its
 * output passes the frame size cap, so a stalled stream can never keep a grab (or a process) alive.
 */
export function runFfmpeg(run: FfmpegRun): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.tool, run.args, { stdio: ["ignore", "pipe", "pipe"] });
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
    const onAbort = () => settle(new GrabError("aborted", `${run.tool} was stopped.`));
    run.signal.addEventListener("abort", onAbort, { once: true });
    if (run.signal.aborted) onAbort();

    child.stdout.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FRAME_BYTES)
        settle(new GrabError("too_large", `${run.failure.message}: the frame is larger than ${MAX_FRAME_BYTES / 1024 / 1024} MB.`));
      else chunks.push(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    child.on("error", (err: NodeJS.ErrnoException) => {
      settle(
        err.code === "ENOENT"
          ? new GrabError("ffmpeg_missing", `${run.tool} is not installed (or not on PATH); video files and RTSP cameras need ffmpeg.`)
          : new GrabError(run.failure.reason, `${run.failure.message}: ${run.tool} could not be started (${err.code ?? err.message}).`),
      );
    });
    child.on("close", (code, signal) => {
      if (code === 0) return settle(null, Buffer.concat(chunks));
      const detail = lastLine(redact(stderr, run.secrets ?? [])) || `${run.tool} exited with ${code ?? signal}`;
      settle(new GrabError(run.failure.reason, `${run.failure.message}: ${detail}.`));
    });
  });
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
