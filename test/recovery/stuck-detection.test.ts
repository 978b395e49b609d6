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
    expect(await judge(task.id)).toMatchObject({
      stuck_reason_code: "no_owner",
      stuck_reason: "任务没有执行器记录",
      is_actually_running: false,
    });
  });

  it("executor_dead: the owner's heartbeat is older than three intervals", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 31 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect(await judge(task.id)).toMatchObject({
      stuck_reason_code: "executor_dead",
      stuck_reason: "执行器已失联",
      is_actually_running: false,
    });
  });

  it("executor_dead: the owner signed off (stopped)", async () => {
    const owner = await createInstance({ stopped: true });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect((await judge(task.id)).stuck_reason_code).toBe("executor_dead");
  });

  it("the dead-executor threshold follows the owner's own heartbeat interval", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 31, heartbeatIntervalMs: 60_000 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner });
    expect((await judge(task.id)).stuck_reason_code).toBeNull();
  });

  it("heartbeat_stale: the owner is alive but this run stopped beating (a hung run)", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 2 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, heartbeatAgeSeconds: 45 });
    expect(await judge(task.id)).toMatchObject({
      stuck_reason_code: "heartbeat_stale",
      stuck_reason: "任务心跳超时",
      is_actually_running: false,
    });
  });

  it("runtime_exceeded: alive and beating, but running longer than allowed", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const task = await createTask({ data: { maxRuntimeMinutes: 30 } });
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 45, heartbeatAgeSeconds: 1 });
    const state = await judge(task.id);
    expect(state).toMatchObject({ stuck_reason_code: "runtime_exceeded", stuck_reason: "运行时间超过 30 分钟", is_actually_running: true });
    expect(state.runtime_minutes).toBeGreaterThanOrEqual(45);
    expect(state.runtime_minutes).toBeLessThan(46);
  });

  it("the request's max_runtime_minutes overrides the task's own limit", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const task = await createTask({ data: { maxRuntimeMinutes: 30 } });
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 12 });
    expect((await judge(task.id)).stuck_reason_code).toBeNull();
    expect(await judge(task.id, 10)).toMatchObject({ stuck_reason_code: "runtime_exceeded", stuck_reason: "运行时间超过 10 分钟" });
  });

  it("precedence: a dead executor is reported before an exceeded runtime", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 600 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 90, heartbeatAgeSeconds: 600 });
    expect((await judge(task.id)).stuck_reason_code).toBe("executor_dead");
  });

  it("a healthy run is not stuck, and checking changes nothing", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 3 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, startedMinutesAgo: 2, heartbeatAgeSeconds: 3 });
    const before = await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(await judge(task.id)).toMatchObject({ stuck_reason_code: null, stuck_reason: null, is_actually_running: true });
    const after = await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id: task.id } });
    expect(after).toEqual(before);
  });

  it("runtime counts from started_at when a hand-set row's last_run_time differs or is missing", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const [older, missing] = [await createTask(), await createTask()];
    await makeRunning(older.id, { ownerId: owner, startedMinutesAgo: 40 });
    await makeRunning(missing.id, { ownerId: owner, startedMinutesAgo: 40 });
    const db = await getDb();
    await db.$executeRaw`UPDATE diagnosis_tasks SET last_run_time = now() - interval '5 minutes' WHERE id = ${older.id}`;
    await db.$executeRaw`UPDATE diagnosis_tasks SET last_run_time = NULL WHERE id = ${missing.id}`;
    const a = await judge(older.id);
    expect(a.runtime_minutes).toBeGreaterThanOrEqual(40);
    expect(a.stuck_reason_code).toBe("runtime_exceeded");
    expect(Date.now() - Date.parse(a.last_run_time!)).toBeGreaterThan(4 * 60_000);
    const b = await judge(missing.id);
    expect(b).toMatchObject({ last_run_time: null, stuck_reason_code: "runtime_exceeded" });
    expect(b.runtime_minutes).toBeGreaterThanOrEqual(40);
  });
});
