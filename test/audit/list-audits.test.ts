import { describe, expect, it } from "vitest";
import { listAudits } from "@/server/recovery/audit/list-audits";
import { createCaller } from "@/server/trpc/root";
import type { Role } from "@/shared/actor";
import { uniqueName } from "../support/unique";
import { auditRows } from "./audit-fixtures";

const as = (role: Role | null) => createCaller({ actor: role ? { type: "user", userId: 1, username: `someone-${role}`, role } : null });

describe("audit list", () => {
  it("lists one task's rows newest first with every column, the id as a string", async () => {
    const { taskId, taskName } = await auditRows(3, {}, [30, 10, 20]);
    const page = await listAudits({ taskId });
    expect(page.total).toBe(3);
    expect(page.items.map((a) => a.priorAttempt)).toEqual([2, 3, 1]);
    expect(page.items[0]).toMatchObject({
      taskId,
      taskName,
      mode: "bulk",
      actorType: "user",
      reasonCode: "executor_dead",
      newStatus: "pending",
      priorStatus: "running",
    });
    expect(page.items[0].id).toMatch(/^\d+$/);
    expect(Object.keys(page.items[0])).toEqual(
      expect.arrayContaining([
        "actorUserId",
        "actorTokenId",
        "actorLabel",
        "reasonText",
        "priorOwnerInstanceId",
        "priorStartedAt",
        "priorHeartbeatAt",
        "priorLastRunTime",
        "recoveredAt",
      ]),
    );
  });

  it("filters by task name (any case), modes, actor types and time range, and pages", async () => {
    const name = uniqueName("Filter-Me");
    await auditRows(2, { taskName: name, mode: "auto", actorType: "watchdog" }, [5, 50]);
    await auditRows(1, { taskName: name, mode: "force" }, [7]);
    await auditRows(1, { taskName: name, mode: "manual" }, [8]);
    const q = name.toLowerCase();
    expect((await listAudits({ q })).total).toBe(4);
    expect((await listAudits({ q, mode: ["auto", "force"] })).items.map((a) => a.mode)).toEqual(["auto", "force", "auto"]);
    expect((await listAudits({ q, actorType: ["watchdog"] })).total).toBe(2);
    const from = new Date(Date.now() - 9 * 60_000);
    const to = new Date(Date.now() - 6 * 60_000);
    expect((await listAudits({ q, from, to })).items.map((a) => a.mode)).toEqual(["force", "manual"]);
    const second = await listAudits({ q, page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((a) => a.mode)).toEqual(["auto"]);
  });

  it("audit.list answers any signed-in role, refuses anonymous callers and oversized pages", async () => {
    const { taskId } = await auditRows(1);
    expect((await as("viewer").audit.list({ taskId })).items).toHaveLength(1);
    await expect(as(null).audit.list({ taskId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(as("admin").audit.list({ pageSize: 201 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as("admin").audit.list({ from: new Date(), to: new Date(Date.now() - 1000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^from: /),
    });
  });
});
