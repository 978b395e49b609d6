import "../support/use-own-database";
import os from "node:os";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { Executor } from "@/server/executor/executor";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { resetTasks } from "@/server/recovery/reset-tasks";
import { createCamera, createTask, makeRunning } from "../support/fixtures";
import { startCameraServer } from "../support/camera-server";
import { waitFor } from "../support/wait-for";

let cameras: Awaited<ReturnType<typeof startCameraServer>>;
let executor: Executor | undefined;

beforeAll(async () => {
  cameras = await startCameraServer();
});
afterAll(async () => {
  await cameras.close();
});
afterEach(async () => {
  await executor?.stop();
  executor = undefined;
});

async function startExecutor(overrides: Partial<ConstructorParameters<typeof Executor>[0]> = {}) {
  executor = new Executor({
    kind: "server",
    concurrency: 4,
    pollMs: 50,
    heartbeatMs: 200,
    stallMs: 60_000,
    shutdownGraceMs: 200,
    ...overrides,
  });
  // The process-wide executor is what stuck detection consults for its own runs.
  (globalThis as { __easysightExecutor?: Executor }).__easysightExecutor = executor;
  await executor.start();
  return executor;
}

const task = async (id: number) => (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id } });
const due = { nextRunTime: new Date(Date.now() - 1000) };

async function hangingTask(extra: Record<string, unknown> = {}) {
  const cam = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/hang"), grabTimeoutMs: 60_000 });
  return createTask({ cameraIds: [cam.id], data: { ...due, ...extra } });
}

describe("executor", () => {
  it("runs a due task on every camera, stores results with thumbnails, completes and reschedules it", async () => {
    const file = await createCamera();
    const http = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/ok") });
    const t = await createTask({
      cameraIds: [file.id, http.id],
      checks: ["too_dark", "blur", "freeze"],
      data: { ...due, scheduleType: "interval", intervalMinutes: 5 },
    });
    await startExecutor();
    const done = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.status === "completed" && row;
      },
      20_000,
      "completion",
    );
    expect(done).toMatchObject({ totalRuns: 1, successRuns: 1, attempt: 1, statusReason: null });
    const minutesAhead = (done.nextRunTime!.getTime() - Date.now()) / 60_000;
    expect(minutesAhead).toBeGreaterThan(4);
    expect(minutesAhead).toBeLessThanOrEqual(5.1);
    const results = await (await getDb()).diagnosisResult.findMany({ where: { taskId: t.id } });
    expect(results.map((r) => r.cameraId).sort()).toEqual([file.id, http.id].sort());
    for (const r of results) {
      expect(r.verdict).toBe("ok");
      expect(Buffer.from(r.thumbnail!).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(Object.keys(r.checks as object).sort()).toEqual(["blur", "freeze", "too_dark"]);
    }
    const runs = await (await getDb()).taskRun.findMany({ where: { taskId: t.id } });
    expect(runs).toMatchObject([{ attempt: 1, outcome: "completed", instanceId: executor!.instanceId }]);
    expect(runs[0].finishedAt).not.toBeNull();
  });

  it("a camera that never answers or sends garbage fails that camera as offline; the run is partial, not a success", async () => {
    const hang = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/hang"), grabTimeoutMs: 300 });
    const garbage = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/garbage") });
    const ok = await createCamera();
    const t = await createTask({ cameraIds: [hang.id, garbage.id, ok.id], data: due });
    await startExecutor();
    const done = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.status === "completed" && row;
      },
      20_000,
      "completion",
    );
    expect(done).toMatchObject({ lastRunOutcome: "partial", totalRuns: 1, successRuns: 0 });
    expect(done.statusReason).toContain("3 个摄像头中 2 个失败");
    expect(done.statusReason).toContain(hang.name);
    expect(done.statusReason).toContain("2 of 3 cameras failed");
    expect(await (await getDb()).taskRun.findFirst({ where: { taskId: t.id } })).toMatchObject({ outcome: "partial" });
    const results = await (await getDb()).diagnosisResult.findMany({ where: { taskId: t.id }, orderBy: { cameraId: "asc" } });
    const byCamera = new Map(results.map((r) => [r.cameraId, r]));
    expect(byCamera.get(hang.id)).toMatchObject({ verdict: "error", findings: ["offline"] });
    expect(byCamera.get(hang.id)).toMatchObject({ errorCode: "timeout", error: expect.stringMatching(/^No frame within [\d.]+ s\.$/) });
    expect(byCamera.get(garbage.id)).toMatchObject({ verdict: "error", findings: ["offline"], errorCode: "not_image" });
    expect(byCamera.get(ok.id)).toMatchObject({ verdict: "ok" });
  });

  it("a run in which every camera failed is failed, with each camera's reason, and counts no success", async () => {
    const hang = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/hang"), grabTimeoutMs: 300 });
    const garbage = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/garbage") });
    const t = await createTask({ cameraIds: [hang.id, garbage.id], data: { ...due, scheduleType: "interval", intervalMinutes: 5 } });
    await startExecutor();
    const failed = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.status === "failed" && row;
      },
      20_000,
      "failure",
    );
    expect(failed).toMatchObject({ lastRunOutcome: "failed", totalRuns: 1, successRuns: 0 });
    expect(failed.statusReason).toContain("全部 2 个摄像头失败");
    expect(failed.statusReason).toContain(`「${hang.name}」`);
    expect(failed.statusReason).toContain(`「${garbage.name}」`);
    expect(failed.statusReason).toContain("All 2 cameras failed");
    expect(failed.statusReason).not.toMatch(/timed out|HTTP snapshot/); // each camera's error in our words, not the grabber's
    // Coded too: the console says it in the reader's language from the grab error codes.
    expect(failed.statusNote).toEqual({
      code: "cameras_failed",
      total: 2,
      failed: 2,
      cameras: [
        { camera: hang.name, code: "timeout", params: { seconds: 0.3 }, text: null },
        { camera: garbage.name, code: "not_image", params: {}, text: null },
      ],
    });
    expect(failed.nextRunTime).not.toBeNull(); // a failed run of a scheduled task keeps its schedule
    const run = await (await getDb()).taskRun.findFirstOrThrow({ where: { taskId: t.id } });
    expect(run).toMatchObject({ outcome: "failed", note: failed.statusNote });
    expect(run.error).toBe(failed.statusReason);
  });

  it("records where the run is: camera i of N, which camera, the phase and since when; a new claim clears it", async () => {
    // A manual task (the fixture's default) run on request: claimed, it has no next run any more.
    const ok = await createCamera();
    const hang = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras.url("/hang"), grabTimeoutMs: 60_000 });
    const t = await createTask({ cameraIds: [ok.id, hang.id], data: due });
    await startExecutor();
    const onHang = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.progressIndex === 2 && row;
      },
      10_000,
      "the second camera",
    );
    expect(onHang).toMatchObject({
      status: "running",
      progressTotal: 2,
      progressCameraId: hang.id,
      progressCamera: hang.name,
      progressPhase: "grabbing",
      nextRunTime: null,
    });
    const sincePhase = Date.now() - onHang.progressPhaseAt!.getTime();
    expect(sincePhase).toBeGreaterThanOrEqual(-1000);
    expect(sincePhase).toBeLessThan(10_000);
    await executor!.beat(); // the heartbeat keeps the progress as it is while the camera hangs
    expect(await task(t.id)).toMatchObject({ progressIndex: 2, progressPhase: "grabbing", progressPhaseAt: onHang.progressPhaseAt });
    await executor!.stop();
    executor = undefined;
    await (
      await getDb()
    ).diagnosisTask.update({ where: { id: t.id }, data: { cameras: { deleteMany: { cameraId: hang.id } }, nextRunTime: new Date(0) } });
    await startExecutor();
    const rerun = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.status === "completed" && row.attempt === 2 && row;
      },
      10_000,
      "second run",
    );
    expect(rerun).toMatchObject({ progressIndex: 1, progressTotal: 1, progressCameraId: ok.id, progressCamera: ok.name });
  });

  it("a run past its max runtime (start backdated) is aborted and the task fails with that reason", async () => {
    const t = await hangingTask({ maxRuntimeMinutes: 30 });
    await startExecutor();
    await waitFor(async () => (await task(t.id)).status === "running", 10_000, "claim");
    await (
      await getDb()
    ).$executeRaw`UPDATE diagnosis_tasks SET started_at = now() - interval '31 minutes' WHERE id = ${t.id}`;
    const failed = await waitFor(
      async () => {
        const row = await task(t.id);
        return row.status === "failed" && row;
      },
      10_000,
      "failure",
    );
    expect(failed.statusReason).toContain("运行时间超过 30 分钟");
    expect(await (await getDb()).taskRun.findFirst({ where: { taskId: t.id } })).toMatchObject({ outcome: "failed" });
  });

  it("a run reset by another process stops at its next heartbeat and writes nothing more", async () => {
    const t = await hangingTask();
    const ex = await startExecutor();
    await waitFor(async () => (await task(t.id)).status === "running", 10_000, "claim");
    const running = await task(t.id);
    const firstRun = ex.running.get(t.id)!;
    await resetTasks(
      [{ id: t.id, attempt: running.attempt, reasonCode: "force_reset", reasonText: "强制重置", runtimeLimit: null, stopped: null }],
      "force",
      {
        type: "cli",
        userId: null,
        tokenId: null,
        label: "test",
      },
    );
    const stopped = await Promise.race([firstRun.done.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
    expect(stopped).toBe(true);
    // Reset to pending and still due, the task is claimed again: a new attempt, while the old one wrote nothing.
    const runs = await (await getDb()).taskRun.findMany({ where: { taskId: t.id }, orderBy: { attempt: "asc" } });
    expect(runs[0]).toMatchObject({ attempt: 1, outcome: "reset" });
    expect(await (await getDb()).diagnosisResult.count({ where: { taskId: t.id, attempt: 1 } })).toBe(0);
    expect((await task(t.id)).totalRuns).toBe(0);
  });

  it("from the owning process: a task recorded as ours but not in our running set is not_in_running_set; our real run is healthy", async () => {
    const real = await hangingTask();
    const ex = await startExecutor();
    await waitFor(async () => (await task(real.id)).status === "running", 10_000, "claim");
    const ghost = await createTask();
    await makeRunning(ghost.id, { ownerId: ex.instanceId! });
    const check = await checkStuckTasks({ taskIds: [real.id, ghost.id] });
    const byId = new Map(check.running.map((r) => [r.id, r]));
    expect(byId.get(ghost.id)).toMatchObject({ stuck_reason_code: "not_in_running_set", stuck_reason: "任务不在执行器运行列表中" });
    expect(byId.get(real.id)).toMatchObject({ stuck_reason_code: null, is_actually_running: true });
  });

  it("stop(): runs still going after the grace period are released to pending with a reason, and the instance signs off", async () => {
    const t = await hangingTask();
    const ex = await startExecutor({ shutdownGraceMs: 100 });
    await waitFor(async () => (await task(t.id)).status === "running", 10_000, "claim");
    await ex.stop();
    executor = undefined;
    const released = await task(t.id);
    expect(released.status).toBe("pending");
    expect(released.statusReason).toBe(
      `执行器 ${os.hostname()}:${process.pid} 关闭时释放 (Released when executor ${os.hostname()}:${process.pid} shut down)`,
    );
    expect(released.statusNote).toEqual({ code: "released", executor: `${os.hostname()}:${process.pid}` });
    expect(await (await getDb()).taskRun.findFirst({ where: { taskId: t.id } })).toMatchObject({ outcome: "released" });
    const instance = await (await getDb()).executorInstance.findUniqueOrThrow({ where: { id: ex.instanceId! } });
    expect(instance.stoppedAt).not.toBeNull();
  });
});
