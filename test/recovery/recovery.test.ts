import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { recoverTask } from "@/server/recovery/recover-task";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { toStatusCheckResponse } from "@/server/recovery/api-shapes";
import { exportAudits } from "@/server/recovery/audit/export-audits";
import { cliActor, watchdogActor, type RecoveryActor } from "@/server/recovery/recovery-actor";
import { finishRun, storeResult } from "@/server/executor/fenced-writes";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

const admin: RecoveryActor = { type: "user", userId: null, tokenId: null, label: "test-admin" };

async function stuckTask() {
  const task = await createTask();
  const dead = await createInstance({ heartbeatAgeSeconds: 120 });
  const lease = await makeRunning(task.id, { ownerId: dead, attempt: 3, startedMinutesAgo: 5, heartbeatAgeSeconds: 120 });
  return { task, lease, dead };
}

async function healthyTask() {
  const task = await createTask();
  const alive = await createInstance({ heartbeatAgeSeconds: 1 });
  const lease = await makeRunning(task.id, { ownerId: alive, startedMinutesAgo: 1, heartbeatAgeSeconds: 1 });
  return { task, lease };
}

const taskRow = async (id: number) => (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id } });
const audits = async (taskId: number) => (await getDb()).recoveryAudit.findMany({ where: { taskId }, orderBy: { id: "asc" } });

describe("recovery", () => {
  it("resets a stuck task to pending and audits who, how, why and the prior state", async () => {
    const { task, dead } = await stuckTask();
    const result = await recoverStuckTasks({ taskIds: [task.id], mode: "bulk", actor: admin });
    expect(result.reset).toEqual([{ id: task.id, newStatus: "pending" }]);
    const row = await taskRow(task.id);
    expect(row.status).toBe("pending");
    expect(row.nextRunTime).toBeNull(); // a manual task: recovery does not start it
    expect(row.statusReason).toBe("已恢复：执行器已失联 (Recovered: Its executor is dead)");
    expect(row.statusNote).toEqual({ code: "recovered", reason: "executor_dead", runtimeLimit: null });
    const closed = await (await getDb()).taskRun.findFirstOrThrow({ where: { taskId: task.id }, orderBy: { attempt: "desc" } });
    expect(closed).toMatchObject({ outcome: "reset", error: row.statusReason, note: row.statusNote });
    const [audit] = await audits(task.id);
    expect(audit).toMatchObject({
      actorType: "user",
      actorLabel: "test-admin",
      mode: "bulk",
      reasonCode: "executor_dead",
      reasonText: "执行器已失联",
      priorStatus: "running",
      priorOwnerInstanceId: dead,
      priorAttempt: 3,
      newStatus: "pending",
      taskName: task.name,
    });
    expect(audit.priorStartedAt).not.toBeNull();
    expect(audit.priorHeartbeatAt).not.toBeNull();
    const run = await (await getDb()).taskRun.findFirstOrThrow({ where: { taskId: task.id, attempt: 3 } });
    expect(run.outcome).toBe("reset");
  });

  it("recovery never makes a manual task due; a scheduled task keeps its missed slot, which runs once", async () => {
    const db = await getDb();
    const dead = await createInstance({ heartbeatAgeSeconds: 120 });
    const slot = new Date(Date.now() - 10 * 60_000);
    // The run-now / claimed slot stays in next_run_time while a task runs: both tasks were due then.
    const manual = await createTask({ data: { scheduleType: "manual", nextRunTime: slot } });
    const scheduled = await createTask({ data: { scheduleType: "interval", intervalMinutes: 5, nextRunTime: slot } });
    for (const t of [manual, scheduled]) await makeRunning(t.id, { ownerId: dead, startedMinutesAgo: 10, heartbeatAgeSeconds: 120 });
    const result = await recoverStuckTasks({ taskIds: [manual.id, scheduled.id], mode: "bulk", actor: admin });
    expect(result.reset.map((r) => r.newStatus)).toEqual(["pending", "pending"]);
    expect(await taskRow(manual.id)).toMatchObject({ status: "pending", nextRunTime: null, lastRunOutcome: "reset" });
    expect(await taskRow(scheduled.id)).toMatchObject({ status: "pending", nextRunTime: slot });
    const due = await db.diagnosisTask.count({ where: { id: { in: [manual.id, scheduled.id] }, nextRunTime: { lte: new Date() } } });
    expect(due).toBe(1);
  });

  it("a stuck run says where it stopped: in the check, the audit row's columns and the CSV export", async () => {
    const { task } = await stuckTask();
    const db = await getDb();
    await db.$executeRaw`
      UPDATE diagnosis_tasks SET progress_index = 3, progress_total = 10, progress_camera_id = NULL, progress_camera_name = '大门-04',
        progress_phase = 'grabbing', progress_phase_at = now() - interval '28 minutes 10 seconds' WHERE id = ${task.id}`;
    const where =
      "在抓取「大门-04」画面时中断（第 3/10 个摄像头），已等待 28 分钟 (stopped while grabbing a frame from “大门-04” (camera 3 of 10), waiting for 28 min)";
    const check = await checkStuckTasks({ taskIds: [task.id] });
    expect(check.stuck[0]).toMatchObject({ stuck_reason_code: "executor_dead", stopped_where: where });
    expect(check.stuck[0].progress).toMatchObject({ index: 3, total: 10, camera_name: "大门-04", phase: "grabbing" });
    expect(toStatusCheckResponse(check).stuck_tasks[0]).toEqual({
      id: task.id,
      name: task.name,
      stuck_reason: "执行器已失联",
      stuck_reason_code: "executor_dead",
      stopped_where: where,
    });
    await recoverStuckTasks({ taskIds: [task.id], mode: "bulk", actor: admin });
    expect((await audits(task.id))[0]).toMatchObject({
      reasonCode: "executor_dead",
      reasonRuntimeLimit: null,
      stoppedPhase: "grabbing",
      stoppedCameraName: "大门-04",
      stoppedIndex: 3,
      stoppedTotal: 10,
      stoppedWaitedMinutes: 28,
    });
    let csv = "";
    for await (const chunk of exportAudits({ taskId: task.id }, "csv")) csv += chunk;
    expect(csv.split("\n")[0]).toContain(
      "reason_runtime_limit,stopped_phase,stopped_camera_name,stopped_index,stopped_total,stopped_waited_minutes,stopped_where",
    );
    expect(csv).toContain("在抓取「大门-04」画面时中断（第 3/10 个摄像头），已等待 28 分钟");
  });

  it("a runtime_exceeded recovery stores the limit it applied as a column", async () => {
    const task = await createTask();
    const alive = await createInstance({ heartbeatAgeSeconds: 1 });
    await makeRunning(task.id, { ownerId: alive, startedMinutesAgo: 50, heartbeatAgeSeconds: 1 });
    await recoverStuckTasks({ taskIds: [task.id], maxRuntimeMinutes: 45, mode: "bulk", actor: admin });
    expect((await audits(task.id))[0]).toMatchObject({
      reasonCode: "runtime_exceeded",
      reasonText: "运行时间超过 45 分钟",
      reasonRuntimeLimit: 45,
    });
  });

  it("bulk recovery leaves healthy runs alone; force resets them too", async () => {
    const stuck = await stuckTask();
    const healthy = await healthyTask();
    const ids = [stuck.task.id, healthy.task.id];
    const bulk = await recoverStuckTasks({ taskIds: ids, mode: "bulk", actor: admin });
    expect(bulk.reset.map((r) => r.id)).toEqual([stuck.task.id]);
    expect((await taskRow(healthy.task.id)).status).toBe("running");
    const forced = await recoverStuckTasks({ taskIds: ids, forceReset: true, mode: "force", actor: admin });
    expect(forced.reset.map((r) => r.id)).toEqual([healthy.task.id]);
    expect(await audits(healthy.task.id)).toMatchObject([{ mode: "force", reasonCode: "force_reset" }]);
  });

  it("50 parallel recoveries reset each task once, with one audit row each", async () => {
    const tasks = await Promise.all(Array.from({ length: 10 }, () => stuckTask()));
    const ids = tasks.map((t) => t.task.id);
    const results = await Promise.all(Array.from({ length: 50 }, () => recoverStuckTasks({ taskIds: ids, mode: "bulk", actor: admin })));
    const resetIds = results.flatMap((r) => r.reset.map((x) => x.id)).sort((a, b) => a - b);
    expect(resetIds).toEqual([...ids].sort((a, b) => a - b));
    const rows = await (await getDb()).recoveryAudit.groupBy({ by: ["taskId"], where: { taskId: { in: ids } }, _count: true });
    expect(rows.map((r) => r._count)).toEqual(ids.map(() => 1));
  });

  it("a task that completes while a recovery runs is never put back to pending", async () => {
    for (let i = 0; i < 15; i++) {
      const { task, lease } = await stuckTask();
      const [finished, recovery] = await Promise.all([
        finishRun(lease, { outcome: "completed", nextRunTime: null, note: null }),
        recoverStuckTasks({ taskIds: [task.id], mode: "bulk", actor: admin }),
      ]);
      const row = await taskRow(task.id);
      // Exactly one of them won, and the task shows the winner's write.
      expect(Number(finished) + recovery.reset.length).toBe(1);
      expect(row.status).toBe(finished ? "completed" : "pending");
      expect(await audits(task.id)).toHaveLength(finished ? 0 : 1);
    }
  });

  it("a reset run's late writes are refused: no result, no status", async () => {
    const camera = (await (await getDb()).diagnosisTaskCamera.findFirstOrThrow()).cameraId;
    const { task, lease } = await stuckTask();
    await recoverStuckTasks({ taskIds: [task.id], mode: "bulk", actor: admin });
    const stored = await storeResult(lease, {
      cameraId: camera,
      verdict: "ok",
      findings: [],
      checks: {},
      error: null,
      thumbnail: null,
      frameWidth: 1,
      frameHeight: 1,
      fingerprint: null,
    });
    const finished = await finishRun(lease, { outcome: "completed", nextRunTime: null, note: null });
    expect(stored).toBe(false);
    expect(finished).toBe(false);
    expect(await (await getDb()).diagnosisResult.count({ where: { taskId: task.id } })).toBe(0);
    expect((await taskRow(task.id)).status).toBe("pending");
  });

  it("after 3 automatic recoveries within the window the task is failed and unscheduled instead", async () => {
    const { task, dead } = await stuckTask();
    for (let i = 1; i <= 3; i++) {
      const { reset } = await recoverStuckTasks({ taskIds: [task.id], mode: "auto", actor: watchdogActor() });
      expect(reset).toEqual([{ id: task.id, newStatus: "pending" }]);
      await makeRunning(task.id, { ownerId: dead, attempt: 3 + i, heartbeatAgeSeconds: 120 });
    }
    const { reset } = await recoverStuckTasks({ taskIds: [task.id], mode: "auto", actor: watchdogActor() });
    expect(reset).toEqual([{ id: task.id, newStatus: "failed" }]);
    const row = await taskRow(task.id);
    expect(row.status).toBe("failed");
    expect(row.nextRunTime).toBeNull();
    expect(row.statusReason).toMatch(/^自动恢复次数过多.*\(Recovered automatically too often, no longer scheduled: .*\)$/);
    expect(row.statusNote).toMatchObject({ code: "recovery_capped", reason: "executor_dead", max: 3 });
    expect((await audits(task.id)).map((a) => a.newStatus)).toEqual(["pending", "pending", "pending", "failed"]);
  });

  it("manual recoveries do not count towards the automatic cap", async () => {
    const { task, dead } = await stuckTask();
    for (let i = 1; i <= 4; i++) {
      const { reset } = await recoverStuckTasks({ taskIds: [task.id], mode: "cli", actor: cliActor() });
      expect(reset[0].newStatus).toBe("pending");
      await makeRunning(task.id, { ownerId: dead, attempt: 3 + i, heartbeatAgeSeconds: 120 });
    }
  });

  it("single-task recovery refuses a healthy run (409 with the reason) unless forced", async () => {
    const { task } = await healthyTask();
    await expect(recoverTask(task.id, { force: false, actor: admin })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("正在正常运行"),
    });
    expect((await taskRow(task.id)).status).toBe("running");
    await expect(recoverTask(task.id, { force: true, actor: admin })).resolves.toMatchObject({
      taskId: task.id,
      newStatus: "pending",
      reasonCode: "force_reset",
    });
  });

  it("single-task recovery: not running is 409, unknown is 404, stuck is reset in manual mode", async () => {
    const idle = await createTask();
    await expect(recoverTask(idle.id, { force: false, actor: admin })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(recoverTask(987_654_321, { force: false, actor: admin })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { task } = await stuckTask();
    await expect(recoverTask(task.id, { force: false, actor: admin })).resolves.toMatchObject({
      newStatus: "pending",
      reasonCode: "executor_dead",
    });
    expect(await audits(task.id)).toMatchObject([{ mode: "manual" }]);
  });

  it("a dry run reports what it would reset and changes nothing", async () => {
    const { task } = await stuckTask();
    const result = await recoverStuckTasks({ taskIds: [task.id], mode: "cli", actor: cliActor(), dryRun: true });
    expect(result.targeted.map((t) => t.id)).toEqual([task.id]);
    expect(result.reset).toEqual([]);
    expect((await taskRow(task.id)).status).toBe("running");
  });
});
