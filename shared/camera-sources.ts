/**
 * The camera vocabulary the console shares with the server: the kinds of source and the bounds of a
 * grab's timeout. The browser bundles this file, so it imports nothing from the server but types.
 */
import type { CameraSourceType } from "@/server/db/generated/enums";

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

export const MIN_GRAB_TIMEOUT_MS = 500;
export const MAX_GRAB_TIMEOUT_MS = 120_000;
