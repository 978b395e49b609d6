import "server-only";
import { ffmpegFailure, runFfmpeg } from "./run-ffmpeg";

/**
 * Codecs whose ffmpeg decoder itself holds frames back until a picture is whole: H.264 outputs nothing
 * before an IDR, a recovery point (SEI) or an I-frame it can start from, so a grab that joins mid-GOP
 * never sees a frame decoded onto missing references (test/cameras/grab-rtsp-stream.test.ts joins a
 * long H.264 GOP mid-way). Every other codec keeps keyframes-only: MPEG-4 Part 2 (tested) outputs a
 * P-frame decoded onto a grey stand-in; MPEG-2, HEVC and the rest are not shown to hold back.
 */
const HOLDS_BACK_UNTIL_WHOLE = new Set(["h264"]);

/**
 * The decoder options for a grab of a stream in `codec`. Keyframes-only (`-skip_frame nokey`) keeps
 * 花屏 of our own making out of grabs that join mid-GOP, but a stream that refreshes by intra slices
 * (x264 `intra-refresh=1`, common on low-latency cameras) has no keyframe after its first: such a grab
 * would wait forever and call a working camera offline. So it is applied only where it is needed.
 */
export const decoderOptions = (codec: string | null): string[] =>
  codec !== null && HOLDS_BACK_UNTIL_WHOLE.has(codec) ? [] : ["-skip_frame", "nokey"];

/** How long a probed codec is trusted: a camera re-configured to another codec is probed again soon. */
const CODEC_LIFE_MS = 10 * 60_000;
const known = new Map<number, { sourceUri: string; codec: string | null; until: number }>();

export interface CodecProbe {
  cameraId: number;
  sourceUri: string;
  /** ffmpeg's arguments before `-i` (transport) and the input URL. */
  inputArgs: string[];
  secrets: Array<string | null>;
  signal: AbortSignal;
}

/**
 * The video codec of the camera's stream ("h264", "mpeg4", …; null when the stream has no video line),
 * remembered per camera in this process so that only the first grab in a while pays for the probe.
 * Decoder options must be set before ffmpeg opens the input, so the grab cannot learn the codec itself.
 * The probe opens the stream without decoding or writing anything: ffmpeg describes its input on stderr
 * ("Stream #0:0: Video: h264 …"); a failure is coded like a grab's (461, 401, …). The codec is in the
 * RTSP server's session description, so the probe reads no media (`-analyzeduration 0`): ~0.3 s instead
 * of the ~5.5 s ffmpeg otherwise spends measuring the stream out of the grab's time.
 */
export async function rtspVideoCodec(probe: CodecProbe): Promise<string | null> {
  const cached = known.get(probe.cameraId);
  if (cached && cached.sourceUri === probe.sourceUri && cached.until > Date.now()) return cached.codec;
  const stderr = (
    await runFfmpeg({
      args: ["-hide_banner", "-nostdin", "-analyzeduration", "0", "-probesize", "32", ...probe.inputArgs],
      signal: probe.signal,
      failure: "no_stream",
      secrets: probe.secrets,
      output: "stderr",
    })
  ).toString("utf8");
  const described = /Stream #\d+:\d+\S*: Video: (\w+)/.exec(stderr);
  if (!described && !/Input #\d+/.test(stderr)) throw ffmpegFailure(stderr, "no_stream");
  const codec = described?.[1] ?? null;
  known.set(probe.cameraId, { sourceUri: probe.sourceUri, codec, until: Date.now() + CODEC_LIFE_MS });
  return codec;
}

/** Forgets a camera's codec after a failed grab: the next grab probes again (the camera may have changed). */
export const forgetRtspCodec = (cameraId: number) => known.delete(cameraId);
