import "../support/use-own-database";
import { execFile } from "node:child_process";
import os from "node:os";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { cliActor } from "@/server/recovery/recovery-actor";
import { createCamera, createTask } from "../support/fixtures";
import { waitFor } from "../support/wait-for";
import { useWorkerProcesses } from "../support/worker-fixture";

const run = promisify(execFile);
const workers = useWorkerProcesses();
const task = async (id: number) => (await getDb()).diagnosisTask.findUniqueOrThrow({ where: { id } });

describe("several processes on one database", () => {
  it("200 due tasks across three worker processes: every task runs exactly once", async () => {
    const camera = await createCamera();
    const ids: number[] = [];
    for (let i = 0; i < 200; i++) ids.push((await createTask({ cameraIds: [camera.id], checks: ["too_dark"] })).id);
    const three = [workers.start(), workers.start(), workers.start()];
    await new Promise((r) => setTimeout(r, 1500)); // let all three start polling before the tasks fall due
    await (await getDb()).diagnosisTask.updateMany({ where: { id: { in: ids } }, data: { nextRunTime: new Date() } });
    await waitFor(
      async () => (await (await getDb()).diagnosisTask.count({ where: { id: { in: ids }, status: "completed" } })) === 200,
      90_000,
      "200 completions",
    );
    const db = await getDb();
    const runs = await db.taskRun.findMany({ where: { taskId: { in: ids } } });
    expect(runs).toHaveLength(200);
    expect(new Set(runs.map((r) => r.taskId)).size).toBe(200);
    expect(runs.every((r) => r.attempt === 1 && r.outcome === "completed")).toBe(true);
    expect(await db.diagnosisResult.count({ where: { taskId: { in: ids } } })).toBe(200);
    // The work really was shared between processes.
    expect(new Set(runs.map((r) => r.instanceId)).size).toBeGreaterThanOrEqual(2);
    for (const w of three) w.child.kill("SIGTERM");
    expect(await Promise.all(three.map((w) => w.exited))).toEqual([0, 0, 0]);
    expect(await db.executorInstance.count({ where: { id: { in: runs.map((r) => r.instanceId!) }, stoppedAt: null } })).toBe(0);
  }, 150_000);

  it("SIGTERM: a worker releases the run in hand to pending with a reason and signs off", async () => {
    const worker = workers.start({ EXECUTOR_SHUTDOWN_GRACE_MS: "300" });
    const running = await workers.hangingTaskRunningIn(worker);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const released = await task(running.id);
    expect(released.status).toBe("pending");
    // Named by the worker's host:pid, not its instance id.
    expect(released.statusReason).toMatch(new RegExp(`\\(Released when executor ${os.hostname()}:${worker.child.pid} shut down\\)$`));
    const instance = await (await getDb()).executorInstance.findUniqueOrThrow({ where: { id: running.ownerInstanceId! } });
    expect(instance.stoppedAt).not.toBeNull();
  }, 60_000);

  it("a healthy run in a worker is not stuck when judged from this process or from the CLI, and nobody resets it", async () => {
    const worker = workers.start();
    const running = await workers.hangingTaskRunningIn(worker);
    const here = await checkStuckTasks({ taskIds: [running.id] });
    expect(here.running[0]).toMatchObject({ stuck_reason_code: null, is_actually_running: true });
    const { stdout } = await run(process.execPath, ["bin/easysight.mjs", "check-tasks", "--json"], { env: process.env });
    const cli = JSON.parse(stdout);
    expect(cli.running_tasks.find((t: { id: number }) => t.id === running.id)).toMatchObject({
      is_actually_running: true,
      stuck_reason: null,
    });
    expect(cli.recovery.reset_task_ids).not.toContain(running.id);
    expect((await task(running.id)).attempt).toBe(running.attempt);
    expect((await task(running.id)).status).toBe("running");
  }, 60_000);

  it("kill -9: the dead worker's task is reported executor_dead after three missed heartbeats, and recovered", async () => {
    const worker = workers.start();
    const running = await workers.hangingTaskRunningIn(worker);
    worker.child.kill("SIGKILL");
    await worker.exited;
    // Three heartbeat intervals (3 x 200 ms here) without a beat: backdated instead of waited for.
    await (
      await getDb()
    ).$executeRaw`UPDATE executor_instances SET heartbeat_at = now() - interval '1 second' WHERE id = ${running.ownerInstanceId}::uuid`;
    const check = await checkStuckTasks({ taskIds: [running.id] });
    expect(check.stuck[0]).toMatchObject({ id: running.id, stuck_reason_code: "executor_dead" });
    const { reset } = await recoverStuckTasks({ taskIds: [running.id], mode: "cli", actor: cliActor() });
    expect(reset).toEqual([{ id: running.id, newStatus: "pending" }]);
  }, 60_000);

  it("kill -9: another worker's watchdog recovers the dead worker's scheduled task by itself, and its missed slot runs there", async () => {
    const victim = workers.start();
    // Scheduled, not manual: recovery never starts a manual task, a scheduled one resumes at its schedule.
    const running = await workers.hangingTaskRunningIn(victim, { scheduleType: "interval", intervalMinutes: 60 });
    victim.child.kill("SIGKILL");
    await victim.exited;
    // The hour's slot passed while the task was stuck (backdated instead of waited for): it runs once.
    await (await getDb()).diagnosisTask.update({ where: { id: running.id }, data: { nextRunTime: new Date(Date.now() - 1000) } });
    const rescuer = workers.start({ WATCHDOG_ENABLED: "1", WATCHDOG_INTERVAL_MS: "1000" });
    const db = await getDb();
    const audit = await waitFor(
      () => db.recoveryAudit.findFirst({ where: { taskId: running.id } }),
      30_000,
      () => `watchdog recovery (${rescuer.output()})`,
    );
    expect(audit).toMatchObject({
      actorType: "watchdog",
      mode: "auto",
      reasonCode: "executor_dead",
      priorOwnerInstanceId: running.ownerInstanceId,
      priorAttempt: running.attempt,
    });
    const rerun = await waitFor(
      async () => {
        const row = await task(running.id);
        return row.attempt > running.attempt && row.status === "running" && row;
      },
      30_000,
      "the task to run again",
    );
    expect(rerun.ownerInstanceId).not.toBe(running.ownerInstanceId);
  }, 90_000);
});
