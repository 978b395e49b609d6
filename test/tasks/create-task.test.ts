import { describe, expect, it } from "vitest";
import { toAppError } from "@/server/errors";
import { createTask } from "@/server/tasks/create-task";
import { listTasks } from "@/server/tasks/list-tasks";
import { makeCamera, makeOperator, makeTask, readTask } from "./task-fixtures";
import { uniqueName } from "../support/unique";

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (err: { code?: string; message: string }) => err,
  );

describe("create task", () => {
  it("stores the task with its cameras, creator and a first run one interval from now", async () => {
    const camera = await makeCamera();
    const creator = await makeOperator();
    const before = Date.now();
    const task = await createTask(
      {
        name: ` ${uniqueName("t")} `,
        cameraIds: [camera, camera],
        checks: ["blur", "too_dark"],
        thresholds: { blur: { minEdgeSigma: 1.2 } },
        schedule: { type: "interval", minutes: 5 },
      },
      creator,
    );
    const row = await readTask(task.id);
    expect(row).toMatchObject({
      status: "pending",
      isActive: true,
      scheduleType: "interval",
      intervalMinutes: 5,
      maxRuntimeMinutes: 30,
      createdById: creator,
      checks: ["blur", "too_dark"],
      thresholds: { blur: { minEdgeSigma: 1.2 } },
    });
    expect(row!.name).toBe(task.name.trim());
    expect(row!.cameras.map((c) => c.cameraId)).toEqual([camera]);
    expect(row!.nextRunTime!.getTime()).toBeGreaterThanOrEqual(before + 5 * 60_000);
    expect(row!.nextRunTime!.getTime()).toBeLessThanOrEqual(Date.now() + 5 * 60_000);
  });

  it("an inactive or manual task has no next run", async () => {
    expect((await makeTask({ isActive: false })).nextRunTime).toBeNull();
    expect((await makeTask({ schedule: { type: "manual" } })).nextRunTime).toBeNull();
  });

  it("unknown camera ids are refused, naming them, and nothing is stored", async () => {
    const camera = await makeCamera();
    const name = uniqueName("t");
    const err = await refusal(makeTask({ name, cameraIds: [camera, 2_000_000_001, 2_000_000_002] }));
    expect(err).toMatchObject({
      code: "BAD_REQUEST",
      message: "摄像头 2000000001、2000000002 不存在 (cameras 2000000001, 2000000002 do not exist).",
    });
    expect(await refusal(makeTask({ cameraIds: [2_000_000_003] }))).toMatchObject({
      message: "摄像头 2000000003 不存在 (camera 2000000003 does not exist).",
    });
    expect((await listTasks({ q: name })).total).toBe(0);
  });

  it("invalid fields are refused with a sentence", async () => {
    const cases: Array<[Parameters<typeof makeTask>[0], RegExp]> = [
      // Each in the API's form, "中文 (english).", the field first.
      [{ name: "" }, /^name: 任务名称为 1 到 200 个字符 \(a task name has 1 to 200 characters\)\.$/],
      [{ name: "x".repeat(201) }, /\(a task name has 1 to 200 characters\)\./],
      [{ cameraIds: [] }, /^cameraIds: 任务至少需要一个摄像头 \(a task needs at least one camera\)\.$/],
      [{ checks: [] }, /^checks: 任务至少需要一项检查 \(a task needs at least one check\)\.$/],
      [
        { checks: ["blur", "sharpness" as "blur"] },
        /^checks\.1: 未知的检查项 "sharpness".*\(unknown check "sharpness"; the checks are .*too_dark.*\)\.$/,
      ],
      [{ thresholds: { sharpness: { x: 1 } } as never }, /阈值中有未知的检查项 "sharpness".*\(unknown check "sharpness" in thresholds/],
      [
        { thresholds: { blur: { minEdgeSigma: "high" } } as never },
        /^thresholds\.blur\.minEdgeSigma: 阈值必须是有限的数字 \(a threshold is a finite number\)\.$/,
      ],
      [{ thresholds: { blur: { sharpness: 1 } } as never }, /阈值设置无效.*\(invalid thresholds: .*blur\.sharpness\)\.$/],
      [{ maxRuntimeMinutes: 0 }, /最长运行时间为 1 到 1440 分钟 \(the maximum runtime is 1 to 1440 minutes\)\./],
      [
        { schedule: { type: "cron", expression: "61 * * * *" } },
        /cron 表达式 "61 \* \* \* \*" 无效.*\(invalid cron expression "61 \* \* \* \*"/,
      ],
    ];
    for (const [overrides, sentence] of cases) {
      const err = toAppError(await refusal(makeTask(overrides)));
      expect(err.code, JSON.stringify(overrides)).toBe("BAD_REQUEST");
      expect(err.message).toMatch(sentence);
    }
  });
});
