import { describe, expect, it } from "vitest";
import { deleteTask } from "@/server/tasks/delete-task";
import { runTaskNow } from "@/server/tasks/run-task-now";
import { updateTask } from "@/server/tasks/update-task";
import { makeCamera, makeTask, markRunning, readTask } from "./task-fixtures";

describe("tasks that are running", () => {
  it("run-now on a running task is CONFLICT and changes nothing", async () => {
    const task = await makeTask();
    const before = await markRunning(task.id);
    await expect(runTaskNow(task.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `任务 ${task.id} 正在运行，本次运行结束后才能再次运行 (task ${task.id} is running; it can run again when this run ends).`,
    });
    expect(await readTask(task.id)).toMatchObject({ nextRunTime: null, status: "running", attempt: 4, updatedAt: before.updatedAt });
  });

  it("delete of a running task is refused and the task stays", async () => {
    const task = await makeTask();
    await markRunning(task.id);
    await expect(deleteTask(task.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: `任务 ${task.id} 正在运行，请先恢复或等它结束 (task ${task.id} is running; recover or wait for it first).`,
    });
    expect(await readTask(task.id)).toMatchObject({ status: "running" });
  });

  it("an update of a running task changes its settings but leaves the run's status, attempt and times", async () => {
    const task = await makeTask();
    const before = await markRunning(task.id);
    const camera = await makeCamera();
    await updateTask({ id: task.id, name: `${task.name} renamed`, cameraIds: [camera], schedule: { type: "interval", minutes: 60 } });
    const after = await readTask(task.id);
    expect(after).toMatchObject({
      name: `${task.name} renamed`,
      intervalMinutes: 60,
      status: "running",
      attempt: 4,
      startedAt: before.startedAt,
      heartbeatAt: before.heartbeatAt,
      ownerInstanceId: before.ownerInstanceId,
    });
    expect(after!.cameras.map((c) => c.cameraId)).toEqual([camera]);
  });
});

describe("tasks that are not running", () => {
  it("run-now makes an active task due now, manual ones included", async () => {
    for (const task of [await makeTask(), await makeTask({ schedule: { type: "manual" } })]) {
      const due = await runTaskNow(task.id);
      expect(due.nextRunTime!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
      expect(due.nextRunTime!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    }
  });

  it("run-now on an inactive task is CONFLICT: the executor would never pick it up", async () => {
    const task = await makeTask({ isActive: false });
    await expect(runTaskNow(task.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/^任务 \d+ 已停用，请先启用.* \(task \d+ is inactive; activate it first/),
    });
    expect(await readTask(task.id)).toMatchObject({ nextRunTime: null });
  });

  it("delete removes the task and an unknown task is NOT_FOUND", async () => {
    const task = await makeTask();
    await expect(deleteTask(task.id)).resolves.toEqual({ id: task.id, name: task.name });
    expect(await readTask(task.id)).toBeNull();
    await expect(deleteTask(task.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `任务 ${task.id} 不存在 (task ${task.id} does not exist).`,
    });
    await expect(runTaskNow(task.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
