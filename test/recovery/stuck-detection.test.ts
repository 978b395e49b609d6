import { describe, expect, it } from "vitest";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { getDb } from "@/server/db/client";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

async function judge(taskId: number, maxRuntimeMinutes?: number) {
  const check = await checkStuckTasks({ taskIds: [taskId], maxRuntimeMinutes });
  expect(check.running).toHaveLength(1);
  return check.running[0];
}

describe("stuck detection", () => {
  it("no_owner: a running task without an executor record", async () => {
    const task = await createTask();
    await makeRunning(task.id, { ownerId: null });
    expect(await judge(task.id)).toMatchObject({ stuckReasonCode: "no_owner", stuckReason: "任务没有执行器记录", isActuallyRunning: false });
  });

  it("executor_dead: the owner's heartbeat is older than three intervals", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 31 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect(await judge(task.id)).toMatchObject({ stuckReasonCode: "executor_dead", stuckReason: "执行器已失联", isActuallyRunning: false });
  });

  it("executor_dead: the owner signed off (stopped)", async () => {
    const owner = await createInstance({ stopped: true });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect((await judge(task.id)).stuckReasonCode).toBe("executor_dead");
  });

  it("the dead-executor threshold follows the owner's own heartbeat interval", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 31, heartbeatIntervalMs: 60_000 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect((await judge(task.id)).stuckReasonCode).toBeNull();
  });

  it("heartbeat_stale: the owner is alive but this run stopped beating (a hung run)", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 2 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, heartbeatAgeSeconds: 45 });
    expect(await judge(task.id)).toMatchObject({ stuckReasonCode: "heartbeat_stale", stuckReason: "任务心跳超时", isActuallyRunning: false });
  });

  it("runtime_exceeded: alive and beating, but running longer than allowed", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const task = await createTask({ data: { maxRuntimeMinutes: 30 } });
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 45, heartbeatAgeSeconds: 1 });
    const state = await judge(task.id);
    expect(state).toMatchObject({ stuckReasonCode: "runtime_exceeded", stuckReason: "运行时间超过 30 分钟", isActuallyRunning: true });
    expect(state.runtimeMinutes).toBeGreaterThanOrEqual(45);
    expect(state.runtimeMinutes).toBeLessThan(46);
  });

  it("the request's max_runtime_minutes overrides the task's own limit", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const task = await createTask({ data: { maxRuntimeMinutes: 30 } });
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 12 });
    expect((await judge(task.id)).stuckReasonCode).toBeNull();
    expect(await judge(task.id, 10)).toMatchObject({ stuckReasonCode: "runtime_exceeded", stuckReason: "运行时间超过 10 分钟" });
  });

  it("precedence: a dead executor is reported before an exceeded runtime", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 600 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 90, heartbeatAgeSeconds: 600 });
    expect((await judge(task.id)).stuckReasonCode).toBe("executor_dead");
  });

  it("a healthy run is not stuck, and checking changes nothing", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 3 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 2, heartbeatAgeSeconds: 3 });
    const before = await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(await judge(task.id)).toMatchObject({ stuckReasonCode: null, stuckReason: null, isActuallyRunning: true });
    const after = await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toEqual(before);
  });
});
