import { afterEach, describe, expect, it, vi } from "vitest";
import { setTaskActive, updateTask } from "@/server/tasks/update-task";
import { makeTask, readTask } from "./task-fixtures";

const minutesFromNow = (date: Date | null) => (date!.getTime() - Date.now()) / 60_000;

describe("task activation and rescheduling", () => {
  it("deactivating clears the next run time; activating sets it one interval from now", async () => {
    const task = await makeTask({ schedule: { type: "interval", minutes: 30 } });
    expect((await setTaskActive(task.id, false)).nextRunTime).toBeNull();
    expect(await readTask(task.id)).toMatchObject({ isActive: false, nextRunTime: null });
    const activated = await setTaskActive(task.id, true);
    expect(activated.isActive).toBe(true);
    expect(minutesFromNow(activated.nextRunTime)).toBeCloseTo(30, 0);
  });

  it("activating an active task keeps its next run time", async () => {
    const task = await makeTask();
    expect((await setTaskActive(task.id, true)).nextRunTime).toEqual(task.nextRunTime);
  });

  it("a changed schedule is recomputed from now, an unchanged one is kept", async () => {
    const task = await makeTask({ schedule: { type: "interval", minutes: 5 } });
    expect((await updateTask({ id: task.id, name: `${task.name} b`, schedule: { type: "interval", minutes: 5 } })).nextRunTime).toEqual(
      task.nextRunTime,
    );
    expect(minutesFromNow((await updateTask({ id: task.id, schedule: { type: "interval", minutes: 120 } })).nextRunTime)).toBeCloseTo(
      120,
      0,
    );
    expect((await updateTask({ id: task.id, schedule: { type: "manual" } })).nextRunTime).toBeNull();
  });

  it("an update with nothing to change is refused, and an unknown task is NOT_FOUND", async () => {
    const task = await makeTask();
    await expect(updateTask({ id: task.id })).rejects.toThrow("Give at least one field to change.");
    await expect(setTaskActive(2_000_000_000, false)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "任务 2000000000 不存在 (task 2000000000 does not exist).",
    });
  });

  describe("with this process's clock an hour fast", () => {
    afterEach(() => vi.useRealTimers());

    it("a new or rescheduled task is due one interval after the database's now, not the process's", async () => {
      const task = await makeTask({ schedule: { type: "interval", minutes: 10 } });
      const realNow = Date.now();
      vi.useFakeTimers({ toFake: ["Date"], now: realNow + 3_600_000 });
      const created = await makeTask({ schedule: { type: "interval", minutes: 10 } });
      const rescheduled = await updateTask({ id: task.id, schedule: { type: "interval", minutes: 20 } });
      vi.useRealTimers();
      expect((created.nextRunTime!.getTime() - realNow) / 60_000).toBeCloseTo(10, 0);
      expect((rescheduled.nextRunTime!.getTime() - realNow) / 60_000).toBeCloseTo(20, 0);
    });
  });
});
