import { z } from "zod";
// The engine's pure modules, not its index: that one loads the image decoder, and these schemas are
// meant to be usable in a browser form too.
import { FRAME_CHECKS, type FindingCode } from "@/shared/finding-codes";
import { resolveThresholds } from "@/server/diagnosis/thresholds";
import { idInput, idSchema } from "@/server/params/id";
import { scheduleInput } from "./schedule";

/** What a task may check: every engine detector that works on frames (`offline` comes from the grab). */
const checkCode = z.enum(FRAME_CHECKS as [FindingCode, ...FindingCode[]], {
  error: (issue) =>
    `未知的检查项 "${String(issue.input)}"，可用的检查项：${FRAME_CHECKS.join(", ")} (unknown check "${String(issue.input)}"; the checks are ${FRAME_CHECKS.join(", ")}).`,
});

// Every sentence in the API's form, "中文 (english)." (README, API errors).
const nameMessage = "任务名称为 1 到 200 个字符 (a task name has 1 to 200 characters).";
const runtimeMessage = "最长运行时间为 1 到 1440 分钟 (the maximum runtime is 1 to 1440 minutes).";

/**
 * Per-check overrides of the engine's thresholds, e.g. {"blur": {"minEdgeSigma": 1.2}}; {} keeps the
 * defaults. The engine's own resolver has the last word, so a typo is refused here instead of failing
 * every run of the task later.
 */
const thresholdsInput = z
  .record(
    z.string(),
    z.record(z.string(), z.number({ error: "阈值必须是有限的数字 (a threshold is a finite number)." }), {
      error: "一个检查项的阈值是由数字组成的对象 (the thresholds of one check are an object of numbers).",
    }),
    {
      error:
        '阈值是按检查项分组的设置，例如 {"blur": {"minEdgeSigma": 1.2}} (thresholds are an object of per-check settings, e.g. {"blur": {"minEdgeSigma": 1.2}}).',
    },
  )
  .superRefine((thresholds, ctx) => {
    const unknown = Object.keys(thresholds).filter((check) => !checkCode.safeParse(check).success);
    if (unknown.length) {
      const checks = FRAME_CHECKS.join(", ");
      ctx.addIssue({
        code: "custom",
        message: `阈值中有未知的检查项 "${unknown[0]}"，可用的检查项：${checks} (unknown check "${unknown[0]}" in thresholds; the checks are ${checks}).`,
      });
      return;
    }
    try {
      resolveThresholds(thresholds);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `阈值设置无效，请核对检查项和阈值的名称 (invalid thresholds: ${(err as Error).message}).` });
    }
  });

const unique = <T>(values: T[]) => [...new Set(values)];

/** Every editable field, without defaults, so that an update leaves out what it does not change. */
const taskFields = z.strictObject({
  name: z.string({ error: nameMessage }).trim().min(1, nameMessage).max(200, nameMessage),
  /** Empty text clears the description. */
  description: z
    .string()
    .trim()
    .max(2000, "描述最多 2000 个字符 (a description has at most 2000 characters).")
    .nullable()
    .transform((text) => text || null),
  cameraIds: z
    .array(idSchema, { error: "摄像头须为摄像头 id 的列表 (cameras are a list of camera ids)." })
    .min(1, "任务至少需要一个摄像头 (a task needs at least one camera).")
    .max(1000, "一个任务最多 1000 个摄像头 (a task has at most 1000 cameras).")
    .transform(unique),
  checks: z
    .array(checkCode, { error: "检查项须为检查代码的列表 (checks are a list of check codes)." })
    .min(1, "任务至少需要一项检查 (a task needs at least one check).")
    .transform(unique),
  thresholds: thresholdsInput,
  schedule: scheduleInput,
  maxRuntimeMinutes: z.number({ error: runtimeMessage }).int(runtimeMessage).min(1, runtimeMessage).max(1440, runtimeMessage),
  isActive: z.boolean(),
});

export const taskIdInput = idInput;

export const createTaskInput = taskFields.extend({
  description: taskFields.shape.description.optional(),
  thresholds: thresholdsInput.default({}),
  maxRuntimeMinutes: taskFields.shape.maxRuntimeMinutes.default(30),
  isActive: z.boolean().default(true),
});
export type CreateTaskInput = z.input<typeof createTaskInput>;

export const updateTaskInput = taskFields
  .partial()
  .extend(taskIdInput.shape)
  .refine(
    (patch) => Object.entries(patch).some(([key, value]) => key !== "id" && value !== undefined),
    "Give at least one field to change.",
  );
export type UpdateTaskInput = z.input<typeof updateTaskInput>;
