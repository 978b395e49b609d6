import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { listInstances, TASKS_SHOWN } from "@/server/executor/list-instances";
import { listTasks } from "@/server/tasks/list-tasks";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

async function find(id: string, show: "live" | "all" = "live") {
  return (await listInstances({ show })).items.find((i) => i.id === id);
}

describe("executor instances", () => {
  it("alive, dead and stopped follow the stuck-detection rule: 3 missed intervals of the instance's own heartbeat", async () => {
    const alive = await createInstance({ heartbeatAgeSeconds: 5 });
    const dead = await createInstance({ heartbeatAgeSeconds: 31 });
    const slowButAlive = await createInstance({ heartbeatAgeSeconds: 31, heartbeatIntervalMs: 60_000 });
    const stopped = await createInstance({ stopped: true });

    expect(await find(alive)).toMatchObject({ status: "alive", host: "test-host", pid: 4242, kind: "worker" });
    expect((await find(alive))!.heartbeatAgeSeconds).toBeGreaterThanOrEqual(5);
    expect((await find(alive))!.heartbeatAgeSeconds).toBeLessThan(15);
    expect(await find(dead)).toMatchObject({ status: "dead" });
    expect(await find(slowButAlive)).toMatchObject({ status: "alive" });
    expect(await find(stopped)).toBeUndefined();
    expect(await find(stopped, "all")).toMatchObject({ status: "stopped" });
  });

  it("each instance lists the running tasks it owns, and only those", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const [running, other] = [await createTask(), await createTask()];
    await makeRunning(running.id, { ownerId: owner, attempt: 3 });
    await (await getDb()).diagnosisTask.update({ where: { id: other.id }, data: { ownerInstanceId: owner, status: "completed" } });

    const instance = await find(owner);

    expect(instance?.tasks).toEqual([expect.objectContaining({ id: running.id, name: running.name, attempt: 3 })]);
  });

  it("a dead instance that still owns running tasks is listed with them (the tasks recovery will reset)", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 600 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: owner, heartbeatAgeSeconds: 600 });

    expect(await find(owner)).toMatchObject({ status: "dead", tasks: [expect.objectContaining({ id: task.id })] });
  });

  it("an executor with many running tasks is listed with its count and the first few only; the task list filters by it", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const tasks = [];
    for (let i = 0; i < TASKS_SHOWN + 3; i++) tasks.push(await createTask());
    for (const task of tasks) await makeRunning(task.id, { ownerId: owner });

    const instance = await find(owner);
    expect(instance?.taskCount).toBe(TASKS_SHOWN + 3);
    expect(instance?.tasks.map((t) => t.id)).toEqual(tasks.slice(0, TASKS_SHOWN).map((t) => t.id));

    // A task it ran before and finished is not its task any more.
    const finished = await createTask();
    await (await getDb()).diagnosisTask.update({ where: { id: finished.id }, data: { ownerInstanceId: owner, status: "completed" } });

    const filtered = await listTasks({ executorId: owner, pageSize: 200 });
    expect(filtered.total).toBe(TASKS_SHOWN + 3);
    expect(filtered.items.map((t) => t.id).sort((a, b) => a - b)).toEqual(tasks.map((t) => t.id));
    expect(filtered.executor).toEqual({ id: owner, name: "test-host:4242" });
    expect((await listTasks({ executorId: "00000000-0000-4000-8000-000000000000" })).executor).toBeNull();
    // A UUID of no RFC version (a hand-edited link) is no executor either, as the browser's parse of the URL
    // already assumes: an empty filtered list, not a refused request.
    expect(await listTasks({ executorId: "12345678-1234-1234-1234-123456789abc" })).toMatchObject({ total: 0, executor: null });
  });
});
