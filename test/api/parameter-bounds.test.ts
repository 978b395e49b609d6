// recoverAll runs for real here (the misspelt-key case must prove it reset nothing), so this file
// works in a database of its own.
import "../support/use-own-database";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as recovery } from "@/app/api/diagnosis/tasks/recovery/route";
import { POST as recoverOne } from "@/app/api/diagnosis/tasks/[id]/recovery/route";
import { GET as statusCheck } from "@/app/api/diagnosis/tasks/status-check/route";
import { GET as exportAudits } from "@/app/api/diagnosis/recoveries/export/route";
import { getDb } from "@/server/db/client";
import { createCaller } from "@/server/trpc/root";
import type { Actor } from "@/shared/actor";
import { MAX_ID } from "@/shared/parameter-limits";
import { call, tokenFor } from "../support/api-client";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

/** Issue 11, rows 6, 9 and 10: ids, `force_reset` and unknown keys are checked where they come in. */
const admin = createCaller({ actor: { type: "user", userId: 1, username: "bounds-admin", role: "admin" } satisfies Actor });
let token: string;
beforeAll(async () => {
  token = (await tokenFor("admin")).token;
});

const TOO_BIG = MAX_ID + 1;

async function stuckTask() {
  const task = await createTask();
  await makeRunning(task.id, {
    ownerId: await createInstance({ heartbeatAgeSeconds: 600 }),
    heartbeatAgeSeconds: 600,
    startedMinutesAgo: 45,
  });
  return task;
}
const statusOf = async (id: number) => (await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id } })).status;

async function refusal(promise: Promise<unknown>) {
  const err = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as { code: string; message: string } | null;
  expect(err, "the call was accepted").not.toBeNull();
  return err!;
}

describe("ids are positive int4", () => {
  it("bounds: every tRPC id above 2147483647 is a 400 with a sentence, never a database error", async () => {
    const calls: Record<string, () => Promise<unknown>> = {
      "tasks.byId": () => admin.tasks.byId({ id: TOO_BIG }),
      "tasks.delete": () => admin.tasks.delete({ id: TOO_BIG }),
      "tasks.runNow": () => admin.tasks.runNow({ id: TOO_BIG }),
      "tasks.setActive": () => admin.tasks.setActive({ id: TOO_BIG, active: false }),
      "tasks.update": () => admin.tasks.update({ id: TOO_BIG, name: "x" }),
      "tasks.runs": () => admin.tasks.runs({ taskId: TOO_BIG }),
      "tasks.latestResults": () => admin.tasks.latestResults({ id: TOO_BIG }),
      "tasks.create (camera ids)": () =>
        admin.tasks.create({ name: "x", cameraIds: [TOO_BIG], checks: ["blur"], schedule: { type: "manual" } }),
      "cameras.byId": () => admin.cameras.byId({ id: TOO_BIG }),
      "cameras.delete": () => admin.cameras.delete({ id: TOO_BIG }),
      "cameras.update": () => admin.cameras.update({ id: TOO_BIG, name: "x" }),
      "cameras.results": () => admin.cameras.results({ cameraId: TOO_BIG }),
      "cameras.test": () => admin.cameras.test({ id: TOO_BIG }),
      "recovery.recoverTask": () => admin.recovery.recoverTask({ id: TOO_BIG }),
      "audit.list": () => admin.audit.list({ taskId: TOO_BIG }),
      "tokens.revoke": () => admin.tokens.revoke({ id: TOO_BIG }),
    };
    for (const [name, run] of Object.entries(calls)) {
      const err = await refusal(run());
      expect({ name, code: err.code }).toEqual({ name, code: "BAD_REQUEST" });
      expect(err.message, name).toMatch(
        /^\w+(\.\d+)?: 必须是 1 到 2147483647 之间的正整数 \(must be a whole number from 1 to 2147483647\)\.$/,
      );
    }
  });

  it("bounds: the largest id is accepted and simply not found", async () => {
    await expect(admin.tasks.byId({ id: MAX_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.cameras.byId({ id: MAX_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.recovery.recoverTask({ id: MAX_ID })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("bounds: REST path and query ids: 2147483647 is an id (404 / no rows), 2147483648 a 400", async () => {
    const one = (id: string) => call(recoverOne, `/api/diagnosis/tasks/${id}/recovery`, { method: "POST", token, params: { id } });
    expect((await one(String(MAX_ID))).status).toBe(404);
    for (const id of [String(TOO_BIG), "99999999999", "0", "-1", "1e3", "abc"]) {
      const { status, body } = await one(id);
      expect({ id, status }).toEqual({ id, status: 400 });
      expect(body.message).toMatch(/^task id: 必须是 1 到 2147483647 之间的正整数/);
    }
    const exported = (id: number) => call(exportAudits, `/api/diagnosis/recoveries/export?format=json&task_id=${id}`, { token });
    expect((await exported(MAX_ID)).status).toBe(200);
    const bad = await exported(TOO_BIG);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^task_id: /);
  });
});

describe("force_reset is exactly true or false", () => {
  it("bounds: force_reset=1, TRUE, 0, yes and an empty value are refused and nothing is reset; true and false work", async () => {
    const healthy = await createTask();
    await makeRunning(healthy.id, { ownerId: await createInstance({ heartbeatAgeSeconds: 1 }), startedMinutesAgo: 3 });
    for (const value of ["1", "TRUE", "True", "0", "yes", ""]) {
      const { status, body } = await call(recovery, `/api/diagnosis/tasks/recovery?force_reset=${value}`, { method: "POST", token });
      expect({ value, status }).toEqual({ value, status: 400 });
      expect(body.message).toBe("force_reset: 必须是 true 或 false (must be true or false).");
    }
    const inBody = await call(recovery, "/api/diagnosis/tasks/recovery", { method: "POST", token, body: '{"force_reset": 1}' });
    expect(inBody.status).toBe(400);
    expect(await statusOf(healthy.id)).toBe("running");
    expect((await call(recovery, "/api/diagnosis/tasks/recovery?force_reset=false", { method: "POST", token })).status).toBe(200);
    expect(await statusOf(healthy.id)).toBe("running");
    expect((await call(recovery, "/api/diagnosis/tasks/recovery?force_reset=true", { method: "POST", token })).status).toBe(200);
    expect(await statusOf(healthy.id)).toBe("pending");
  });

  it("bounds: max_runtime_minutes keeps its limit of 10080 in REST and tRPC alike", async () => {
    const rest = await call(statusCheck, "/api/diagnosis/tasks/status-check?max_runtime_minutes=10081", { token });
    expect(rest.status).toBe(400);
    expect(rest.body.message).toBe(
      "max_runtime_minutes: 必须是大于 0、最多 10080 的分钟数 (must be a positive number of minutes up to 10080).",
    );
    const trpc = await refusal(admin.recovery.statusCheck({ maxRuntimeMinutes: 10_081 }));
    expect(trpc.message).toBe("maxRuntimeMinutes: 必须是大于 0、最多 10080 的分钟数 (must be a positive number of minutes up to 10080).");
    expect((await call(statusCheck, "/api/diagnosis/tasks/status-check?max_runtime_minutes=10080", { token })).status).toBe(200);
  });
});

describe("tRPC inputs are strict", () => {
  it("bounds: recovery.recoverAll with a misspelt key (forcereset) is refused, naming the key, and resets nothing", async () => {
    const stuck = await stuckTask();
    const err = await refusal(admin.recovery.recoverAll({ forcereset: true } as never));
    expect(err).toMatchObject({ code: "BAD_REQUEST", message: '未知参数 "forcereset" (unknown parameter "forcereset").' });
    expect(await statusOf(stuck.id)).toBe("running");
  });

  it("bounds: unknown keys are refused in lists, forms and nested inputs too", async () => {
    const unknown = [
      admin.tasks.list({ sortBy: "name" } as never),
      admin.cameras.list({ name: "x" } as never),
      admin.audit.list({ task: 1 } as never),
      admin.tasks.byId({ id: 1, force: true } as never),
      admin.tasks.create({ name: "x", cameraIds: [1], checks: ["blur"], schedule: { type: "interval", minutes: 5, every: 5 } } as never),
      admin.users.setRole({ username: "someone", role: "viewer", force: true } as never),
    ];
    for (const promise of unknown) {
      const err = await refusal(promise);
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/未知参数 "\w+" \(unknown parameter "\w+"\)\.$/);
    }
  });
});
