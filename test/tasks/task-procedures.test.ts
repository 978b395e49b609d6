import { describe, expect, it } from "vitest";
import type { Actor, Role } from "@/shared/actor";
import { createCaller } from "@/server/trpc/root";
import { makeCamera, makeOperator, makeTask } from "./task-fixtures";
import { uniqueName } from "../support/unique";

const as = (role: Role, userId: number) =>
  createCaller({ actor: { type: "user", userId, username: `someone-${role}`, role } satisfies Actor });

describe("task procedures", () => {
  it("a viewer may read tasks but gets FORBIDDEN from every change", async () => {
    const task = await makeTask();
    const viewer = as("viewer", await makeOperator());
    await expect(viewer.tasks.byId({ id: task.id })).resolves.toMatchObject({ id: task.id });
    await expect(viewer.tasks.runNow({ id: task.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.tasks.setActive({ id: task.id, active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.tasks.delete({ id: task.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(viewer.tasks.byId({ id: task.id })).resolves.toMatchObject({ isActive: true });
  });

  it("an operator's new task records the operator as its creator", async () => {
    const operatorId = await makeOperator();
    const created = await as("operator", operatorId).tasks.create({
      name: uniqueName("t"),
      cameraIds: [await makeCamera()],
      checks: ["noise"],
      schedule: { type: "cron", expression: "0 3 * * *" },
    });
    expect(created.createdBy?.id).toBe(operatorId);
  });

  it("a refused change reaches the client as its code and sentence", async () => {
    const operator = as("operator", await makeOperator());
    await expect(operator.tasks.update({ id: 2_000_000_000, name: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "任务 2000000000 不存在 (task 2000000000 does not exist).",
    });
    await expect(
      operator.tasks.create({ name: "x", cameraIds: [await makeCamera()], checks: ["blur"], schedule: { type: "interval", minutes: 0 } }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "schedule.minutes: 间隔为 1 到 10080 分钟 (an interval is 1 to 10080 minutes).",
    });
  });
});
