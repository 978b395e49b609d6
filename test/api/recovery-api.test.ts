import "../support/use-own-database";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as statusCheck } from "@/app/api/diagnosis/tasks/status-check/route";
import { POST as recovery } from "@/app/api/diagnosis/tasks/recovery/route";
import { POST as recoverOne } from "@/app/api/diagnosis/tasks/[id]/recovery/route";
import { getDb } from "@/server/db/client";
import { sharedStatusCheckBody } from "@/server/recovery/shared-status-check";
import { call, tokenFor } from "../support/api-client";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

let admin: string;
let viewer: string;
let operator: string;
beforeAll(async () => {
  [admin, viewer, operator] = (await Promise.all([tokenFor("admin"), tokenFor("viewer"), tokenFor("operator")])).map((t) => t.token);
});

async function stuckTask() {
  const task = await createTask();
  await makeRunning(task.id, {
    ownerId: await createInstance({ heartbeatAgeSeconds: 600 }),
    heartbeatAgeSeconds: 600,
    startedMinutesAgo: 45,
  });
  return task;
}
async function healthyTask() {
  const task = await createTask();
  await makeRunning(task.id, { ownerId: await createInstance({ heartbeatAgeSeconds: 1 }), startedMinutesAgo: 3 });
  return task;
}
const statusOf = async (id: number) => (await (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id } })).status;

describe("GET /api/diagnosis/tasks/status-check", () => {
  it("answers the documented fields and message, and changes nothing", async () => {
    const stuck = await stuckTask();
    const healthy = await healthyTask();
    const { status, body } = await call(statusCheck, "/api/diagnosis/tasks/status-check", { token: viewer });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["running_tasks", "stuck_tasks", "total_running", "total_stuck", "message"]));
    const s = body.running_tasks.find((t: { id: number }) => t.id === stuck.id);
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining(["id", "name", "last_run_time", "is_active", "is_actually_running", "runtime_minutes", "stuck_reason"]),
    );
    expect(s).toMatchObject({ name: stuck.name, is_active: true, is_actually_running: false, stuck_reason: "执行器已失联" });
    expect(s.last_run_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(s.runtime_minutes).toBeGreaterThanOrEqual(45);
    expect(body.running_tasks.find((t: { id: number }) => t.id === healthy.id)).toMatchObject({
      is_actually_running: true,
      stuck_reason: null,
    });
    expect(body.stuck_tasks).toContainEqual(expect.objectContaining({ id: stuck.id, name: stuck.name, stuck_reason: "执行器已失联" }));
    expect(body.total_running).toBe(body.running_tasks.length);
    expect(body.total_stuck).toBe(body.stuck_tasks.length);
    expect(body.message).toBe(`检查完成：运行中任务 ${body.total_running} 个，卡住任务 ${body.total_stuck} 个`);
    expect(await statusOf(stuck.id)).toBe("running");
  });

  it("names each task's owner, lists the owners once with their host and heartbeat, and says what the check cost", async () => {
    const owner = await createInstance({ heartbeatAgeSeconds: 1 });
    const [a, b] = [await createTask(), await createTask()];
    await makeRunning(a.id, { ownerId: owner, startedMinutesAgo: 2 });
    await makeRunning(b.id, { ownerId: owner, startedMinutesAgo: 2 });
    const { body, headers } = await call(statusCheck, "/api/diagnosis/tasks/status-check", { token: viewer });
    const mine = body.running_tasks.filter((t: { id: number }) => t.id === a.id || t.id === b.id);
    expect(mine.map((t: { owner_instance_id: string }) => t.owner_instance_id)).toEqual([owner, owner]);
    expect(mine[0]).toMatchObject({ attempt: 1, stuck_reason_code: null });
    expect(body.executors.filter((e: { id: string }) => e.id === owner)).toEqual([
      {
        id: owner,
        name: "test-host:4242",
        host: "test-host",
        pid: 4242,
        kind: "worker",
        heartbeat_age_seconds: expect.any(Number),
        stopped: false,
      },
    ]);
    // Ordered by id, as before the rows were streamed.
    const ids = body.running_tasks.map((t: { id: number }) => t.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(headers.get("server-timing")).toMatch(/^check;dur=\d+(\.\d)?, json;dur=\d+(\.\d)?$/);
  });

  it("max_runtime_minutes makes long healthy runs count as stuck", async () => {
    const healthy = await healthyTask();
    const { body } = await call(statusCheck, "/api/diagnosis/tasks/status-check?max_runtime_minutes=2", { token: viewer });
    expect(body.stuck_tasks).toContainEqual(expect.objectContaining({ id: healthy.id, stuck_reason: "运行时间超过 2 分钟" }));
  });
});

describe("status-check under concurrent requests", () => {
  it("concurrent requests share one check, and a request never gets an answer computed before it arrived", async () => {
    await stuckTask();
    const burst = await Promise.all(Array.from({ length: 20 }, () => sharedStatusCheckBody(undefined)));
    expect(new Set(burst.map((answer) => answer.body)).size).toBeLessThanOrEqual(2); // the same bytes, shared
    const inFlight = sharedStatusCheckBody(undefined);
    const late = await stuckTask(); // committed while a check is under way
    const after = JSON.parse((await sharedStatusCheckBody(undefined)).body.toString());
    expect(after.stuck_tasks.map((t: { id: number }) => t.id)).toContain(late.id);
    await inFlight;
  });
});

describe("POST /api/diagnosis/tasks/recovery", () => {
  it("resets the stuck tasks and answers the documented fields and message", async () => {
    const stuck = await stuckTask();
    const healthy = await healthyTask();
    const { status, body } = await call(recovery, "/api/diagnosis/tasks/recovery", { method: "POST", token: admin });
    expect(status).toBe(200);
    expect(body.reset_task_ids).toContain(stuck.id);
    expect(body.reset_task_ids).not.toContain(healthy.id);
    expect(body.reset_tasks).toBe(body.reset_task_ids.length);
    expect(body.checked_tasks).toBeGreaterThanOrEqual(2);
    expect(body.message).toBe(`成功重置 ${body.reset_tasks} 个卡住的任务`);
    expect(await statusOf(stuck.id)).toBe("pending");
    expect(await statusOf(healthy.id)).toBe("running");
  });

  it("accepts its parameters as a JSON body too: force_reset resets healthy runs", async () => {
    const healthy = await healthyTask();
    const { status, body } = await call(recovery, "/api/diagnosis/tasks/recovery", {
      method: "POST",
      token: admin,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ force_reset: true, max_runtime_minutes: 30 }),
    });
    expect(status).toBe(200);
    expect(body.reset_task_ids).toContain(healthy.id);
    expect(await (await getDb()).recoveryAudit.findFirst({ where: { taskId: healthy.id } })).toMatchObject({ mode: "force" });
  });

  it("is admin only: viewers and operators get 403 and nothing changes", async () => {
    const stuck = await stuckTask();
    for (const token of [viewer, operator]) {
      const { status, body } = await call(recovery, "/api/diagnosis/tasks/recovery", { method: "POST", token });
      expect(status).toBe(403);
      expect(body.error).toBe("forbidden");
      expect(body.message).toContain("管理员");
    }
    expect(await statusOf(stuck.id)).toBe("running");
  });
});

describe("POST /api/diagnosis/tasks/{id}/recovery", () => {
  const one = (id: string, query = "") =>
    call(recoverOne, `/api/diagnosis/tasks/${id}/recovery${query}`, { method: "POST", token: admin, params: { id } });

  it("recovers one stuck task", async () => {
    const stuck = await stuckTask();
    const { status, body } = await one(String(stuck.id));
    expect(status).toBe(200);
    expect(body).toMatchObject({ task_id: stuck.id, reset: true, new_status: "pending", stuck_reason: "执行器已失联" });
  });

  it("answers 409 with the reason for a healthy run, unless forced", async () => {
    const healthy = await healthyTask();
    const refused = await one(String(healthy.id));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: "conflict", is_actually_running: true });
    expect(refused.body.message).toContain("正在正常运行");
    expect(await statusOf(healthy.id)).toBe("running");
    expect((await one(String(healthy.id), "?force_reset=true")).status).toBe(200);
  });

  it("answers 404 for an unknown task and 400 for an id that is not a number", async () => {
    expect((await one("99999999")).status).toBe(404);
    const bad = await one("abc");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("正整数");
  });
});

describe("authentication", () => {
  it("no token, a wrong token and a revoked token get 401 with a sentence", async () => {
    const revoked = await tokenFor("admin");
    await revoked.revoke();
    for (const token of [undefined, "es_wrong", revoked.token]) {
      for (const [handler, method] of [
        [statusCheck, "GET"],
        [recovery, "POST"],
      ] as const) {
        const { status, body } = await call(handler, "/api/diagnosis/tasks/status-check", { method, token });
        expect(status).toBe(401);
        expect(body).toMatchObject({ error: "unauthorized", message: expect.any(String) });
      }
    }
  });
});

describe("bad parameters", () => {
  const cases = [
    "max_runtime_minutes=abc",
    "max_runtime_minutes=-5",
    "max_runtime_minutes=0",
    "max_runtime_minutes=1e9",
    "max_runtime_minutes=99999999",
    "max_runtime_minutes=30&max_runtime_minutes=40",
    "max_runtime_minutes=",
    "force_reset=maybe",
    "force_reset=",
    "force_rest=true",
    "max_runtime=30",
  ];

  it.each(cases)("recovery with %s is a 400 with a sentence and changes nothing", async (query) => {
    const stuck = await stuckTask();
    const { status, body } = await call(recovery, `/api/diagnosis/tasks/recovery?${query}`, { method: "POST", token: admin });
    expect(status).toBe(400);
    expect(body).toEqual({ error: "bad_request", message: expect.stringMatching(/\S{10,}/) });
    expect(await statusOf(stuck.id)).toBe("running");
  });

  it.each(["{not json", "[1,2]", '"force"', '{"force_reset":"maybe"}', '{"max_runtime_minutes":-1}', '{"unknown":1}'])(
    "recovery with the body %s is a 400",
    async (body) => {
      const res = await call(recovery, "/api/diagnosis/tasks/recovery", { method: "POST", token: admin, body });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe("bad_request");
    },
  );

  it("status-check refuses a bad max_runtime_minutes and unknown parameters", async () => {
    for (const query of ["max_runtime_minutes=abc", "max_runtime_minutes=0", "force_reset=true"]) {
      expect((await call(statusCheck, `/api/diagnosis/tasks/status-check?${query}`, { token: viewer })).status).toBe(400);
    }
  });

  it("fuzzed parameters never cause a 500", async () => {
    const pieces = [
      "max_runtime_minutes",
      "force_reset",
      "x",
      "%00",
      "max_runtime_minutes[]",
      "",
      "=",
      "&",
      "%E4%BD%A0",
      "1",
      "-1",
      "true",
      "NaN",
      "Infinity",
      "0x10",
      " 30",
      "30 ",
      "3.5",
      "'",
      '"',
      "<script>",
      "%",
      "%zz",
    ];
    const rand = (n: number) => Math.floor(Math.random() * n);
    for (let i = 0; i < 150; i++) {
      const query = Array.from(
        { length: 1 + rand(4) },
        () => pieces[rand(pieces.length)] + (rand(2) ? "=" + pieces[rand(pieces.length)] : ""),
      ).join("&");
      const body =
        rand(3) === 0
          ? JSON.stringify({ [pieces[rand(pieces.length)]]: [pieces[rand(pieces.length)], 1, true, null][rand(4)] })
          : undefined;
      for (const [handler, method] of [
        [statusCheck, "GET"],
        [recovery, "POST"],
      ] as const) {
        const { status } = await call(handler, `/api/diagnosis/tasks/status-check?${query}`, {
          method,
          token: admin,
          body: method === "POST" ? body : undefined,
        });
        expect([200, 400], `${method} ?${query} ${body ?? ""}`).toContain(status);
      }
    }
  });
});
