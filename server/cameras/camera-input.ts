import "server-only";
import { z } from "zod";
import { idSchema } from "@/server/params/id";
import { CAMERA_SOURCE_TYPES as SOURCE_TYPES, MAX_GRAB_TIMEOUT_MS, MIN_GRAB_TIMEOUT_MS, RTSP_TRANSPORTS } from "@/shared/camera-sources";

export const cameraIdSchema = idSchema;
export const cameraNameSchema = z.string().trim().min(1, "A camera needs a name.").max(100, "A camera name has at most 100 characters.");
export const sourceTypeSchema = z.enum(SOURCE_TYPES, { message: `A source type is one of: ${SOURCE_TYPES.join(", ")}.` });
export const rtspTransportSchema = z.enum(RTSP_TRANSPORTS, {
  message: `RTSP 传输方式只能是 ${RTSP_TRANSPORTS.join("、")} (the RTSP transport is one of: ${RTSP_TRANSPORTS.join(", ")}).`,
});
export const grabTimeoutSchema = z
  .number()
  .int("The grab timeout is a whole number of milliseconds.")
  .min(MIN_GRAB_TIMEOUT_MS, `The grab timeout is between ${MIN_GRAB_TIMEOUT_MS} and ${MAX_GRAB_TIMEOUT_MS} ms.`)
  .max(MAX_GRAB_TIMEOUT_MS, `The grab timeout is between ${MIN_GRAB_TIMEOUT_MS} and ${MAX_GRAB_TIMEOUT_MS} ms.`);
const sourceUriSchema = z
  .string()
  .trim()
  .min(1, "A camera needs a source: a path or a URL.")
  .max(2000, "A source path or URL has at most 2000 characters.");
/** "" and null both mean "none"; for updates, leaving the field out keeps what is stored. */
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} has at most ${max} characters.`)
    .nullish()
    .transform((v) => (v === "" ? null : v));

const fields = {
  name: cameraNameSchema,
  location: optionalText(200, "A location"),
  sourceType: sourceTypeSchema,
  sourceUri: sourceUriSchema,
  sourceUsername: optionalText(200, "A username"),
  sourcePassword: z
    .string()
    .max(200, "A password has at most 200 characters.")
    .nullish()
    .transform((v) => (v === "" ? null : v)),
  grabTimeoutMs: grabTimeoutSchema,
  rtspTransport: rtspTransportSchema,
  isActive: z.boolean(),
};

export const createCameraInput = z.strictObject({
  ...fields,
  grabTimeoutMs: fields.grabTimeoutMs.default(10_000),
  rtspTransport: fields.rtspTransport.default("auto"),
  isActive: fields.isActive.default(true),
});
export type CreateCameraInput = z.input<typeof createCameraInput>;

/** Every field but the id is optional: what is left out stays as it is (the password too). */
export const updateCameraInput = z.strictObject({
  id: cameraIdSchema,
  name: fields.name.optional(),
  location: fields.location,
  sourceType: fields.sourceType.optional(),
  sourceUri: fields.sourceUri.optional(),
  sourceUsername: fields.sourceUsername,
  sourcePassword: fields.sourcePassword,
  grabTimeoutMs: fields.grabTimeoutMs.optional(),
  rtspTransport: fields.rtspTransport.optional(),
  isActive: fields.isActive.optional(),
});
export type UpdateCameraInput = z.input<typeof updateCameraInput>;
