import { describe, expect, it } from "vitest";
import { listTasks } from "@/server/tasks/list-tasks";
import { getTask } from "@/server/tasks/get-task";
import { createInstance, createTask, makeRunning } from "../support/fixtures";
import { uniqueName } from "../support/unique";

/** Three tasks sharing a unique name prefix: stuck (no owner), healthy running, and pending. */
async function threeTasks() {
  const prefix = uniqueName("stucklist");
  const alive = await createInstance({ heartbeatAgeSeconds: 1 });
  const stuck = await createTask({ data: { name: `${prefix}-a-stuck` } });
  const healthy = await createTask({ data: { name: `${prefix}-b-healthy` } });
  const pending = await createTask({ data: { name: `${prefix}-c-pending` } });
  await makeRunning(stuck.id, { ownerId: null, startedMinutesAgo: 7 });
  await makeRunning(healthy.id, { ownerId: alive, heartbeatAgeSeconds: 1 });
  return { prefix, stuck, healthy, pending };
}

describe("task list: stuck verdicts", () => {
  it("list items carry the stuck check's verdict: the reason for a stuck task, null for the others", async () => {
    const { prefix, stuck, healthy, pending } = await threeTasks();
    const page = await listTasks({ q: prefix, sort: "name" });
    expect(page.items.map((t) => t.id)).toEqual([stuck.id, healthy.id, pending.id]);
    expect(page.items[0].stuck).toMatchObject({ code: "no_owner", reason: "任务没有执行器记录", isActuallyRunning: false });
    expect(page.items[0].stuck!.runtimeMinutes).toBeGreaterThanOrEqual(7);
    expect(page.items[1].stuck).toBeNull();
    expect(page.items[2].stuck).toBeNull();
  });

  it("stuckOnly keeps just the stuck tasks, with the other filters and the total applied", async () => {
    const { prefix, stuck } = await threeTasks();
    const page = await listTasks({ q: prefix, stuckOnly: true });
    expect(page.total).toBe(1);
    expect(page.items.map((t) => t.id)).toEqual([stuck.id]);
    expect((await listTasks({ q: prefix, stuckOnly: true, status: ["pending"] })).total).toBe(0);
  });

  it("a single task read also says why it is stuck", async () => {
    const { stuck, healthy } = await threeTasks();
    expect((await getTask(stuck.id)).stuck?.code).toBe("no_owner");
    expect((await getTask(healthy.id)).stuck).toBeNull();
  });
});
