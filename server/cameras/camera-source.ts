import "server-only";
import type { CameraSourceType, RtspTransport } from "@/server/db/generated/enums";

/** What a grab needs to know about a camera. Server-side only: it carries the credentials. */
export interface CameraSource {
  id: number;
  sourceType: CameraSourceType;
  sourceUri: string;
  sourceUsername: string | null;
  sourcePassword: string | null;
  grabTimeoutMs: number;
  /** Only RTSP sources use it. */
  rtspTransport: RtspTransport;
}

/**
 * The columns a grab reads, for Prisma `select`: every place that loads a camera to grab from it uses this,
 * so a new source setting reaches all of them at once.
 */
export const CAMERA_SOURCE_SELECT = {
  id: true,
  sourceType: true,
  sourceUri: true,
  sourceUsername: true,
  sourcePassword: true,
  grabTimeoutMs: true,
  rtspTransport: true,
} as const satisfies Record<keyof CameraSource, true>;

export interface GrabbedFrame {
  /** Encoded JPEG/PNG/GIF/WebP bytes, as received or as produced by ffmpeg. */
  image: Buffer;
  capturedAt: Date;
  /** Which frame this was, for display: a file name or a video offset. */
  sourceFrame?: string;
}
