import "server-only";
import { z } from "zod";
import { idSchema } from "@/server/params/id";
import { CAMERA_SOURCE_TYPES as SOURCE_TYPES, MAX_GRAB_TIMEOUT_MS, MIN_GRAB_TIMEOUT_MS, RTSP_TRANSPORTS } from "@/shared/camera-sources";

export const cameraIdSchema = idSchema;
// Every sentence in the API's form, "中文 (english)." (README, API errors).
export const cameraNameSchema = z
  .string()
  .trim()
  .min(1, "摄像头需要名称 (a camera needs a name).")
  .max(100, "摄像头名称最多 100 个字符 (a camera name has at most 100 characters).");
const sourceTypes = SOURCE_TYPES.join(", ");
export const sourceTypeSchema = z.enum(SOURCE_TYPES, {
  message: `视频源类型为以下之一：${sourceTypes} (a source type is one of: ${sourceTypes}).`,
});
const timeoutRange = `取帧超时为 ${MIN_GRAB_TIMEOUT_MS} 到 ${MAX_GRAB_TIMEOUT_MS} 毫秒 (the grab timeout is between ${MIN_GRAB_TIMEOUT_MS} and ${MAX_GRAB_TIMEOUT_MS} ms).`;
export const rtspTransportSchema = z.enum(RTSP_TRANSPORTS, {
  message: `RTSP 传输方式只能是 ${RTSP_TRANSPORTS.join("、")} (the RTSP transport is one of: ${RTSP_TRANSPORTS.join(", ")}).`,
});
export const grabTimeoutSchema = z
  .number()
  .int("取帧超时是以毫秒计的整数 (the grab timeout is a whole number of milliseconds).")
  .min(MIN_GRAB_TIMEOUT_MS, timeoutRange)
  .max(MAX_GRAB_TIMEOUT_MS, timeoutRange);
const sourceUriSchema = z
  .string()
  .trim()
  .min(1, "摄像头需要视频源：路径或网址 (a camera needs a source: a path or a URL).")
  .max(2000, "视频源路径或网址最多 2000 个字符 (a source path or URL has at most 2000 characters).");
/** "" and null both mean "none"; for updates, leaving the field out keeps what is stored. */
const optionalText = (max: number, what: { zh: string; en: string }) =>
  z
    .string()
    .trim()
    .max(max, `${what.zh}最多 ${max} 个字符 (${what.en} has at most ${max} characters).`)
    .nullish()
    .transform((v) => (v === "" ? null : v));

const fields = {
  name: cameraNameSchema,
  location: optionalText(200, { zh: "位置", en: "a location" }),
  sourceType: sourceTypeSchema,
  sourceUri: sourceUriSchema,
  sourceUsername: optionalText(200, { zh: "用户名", en: "a username" }),
  sourcePassword: z
    .string()
    .max(200, "密码最多 200 个字符 (a password has at most 200 characters).")
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
