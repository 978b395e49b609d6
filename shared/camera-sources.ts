/**
 * The camera vocabulary the console shares with the server: the kinds of source and the bounds of a
 * grab's timeout. The browser bundles this file, so it imports nothing from the server but types.
 */
import type { CameraSourceType, RtspTransport } from "@/server/db/generated/enums";

/** The `camera_source_type` enum of the Prisma schema, in the order the console lists them. */
export const CAMERA_SOURCE_TYPES = [
  "image_file",
  "image_folder",
  "video_file",
  "http_snapshot",
  "rtsp",
] as const satisfies readonly CameraSourceType[];

/** Stops compiling when the schema gains a source type that the list above lacks. */
type NoneMissing<T extends never> = T;
export type EverySourceTypeListed = NoneMissing<Exclude<CameraSourceType, (typeof CAMERA_SOURCE_TYPES)[number]>>;

/**
 * How an RTSP stream is carried (the `rtsp_transport` enum): `auto` asks for TCP (UDP is often blocked
 * between camera networks and servers) and falls back to UDP when the server refuses TCP; `tcp` and `udp`
 * use only that one, for a network where the other is known to be wrong.
 */
export const RTSP_TRANSPORTS = ["auto", "tcp", "udp"] as const satisfies readonly RtspTransport[];
export type EveryTransportListed = NoneMissing<Exclude<RtspTransport, (typeof RTSP_TRANSPORTS)[number]>>;

export const MIN_GRAB_TIMEOUT_MS = 500;
export const MAX_GRAB_TIMEOUT_MS = 120_000;
