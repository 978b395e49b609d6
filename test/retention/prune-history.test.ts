import "../support/use-own-database";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { pruneHistory } from "@/server/retention/prune-history";
import { createTask, makeRunning } from "../support/fixtures";

/** A finished run of the task, `daysAgo` old, with `results` results. */
async function finishedRun(taskId: number, cameraId: number, attempt: number, daysAgo: number, results: number) {
  const db = await getDb();
  const run = await db.taskRun.create({
    data: {
      taskId,
      attempt,
      outcome: "completed",
      startedAt: new Date(Date.now() - daysAgo * 86_400_000 - 60_000),
      finishedAt: new Date(Date.now() - daysAgo * 86_400_000),
    },
  });
  for (let i = 0; i < results; i++) {
    await db.diagnosisResult.create({
      data: { taskId, runId: run.id, cameraId, attempt, verdict: "normal", findings: [], createdAt: run.finishedAt! },
    });
  }
  return run.id;
}

async function history() {
  const db = await getDb();
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  await db.metricSample.createMany({
    data: [
      { sampledAt: daysAgo(60), runningTasks: 1, stuckTasks: 0 },
      { sampledAt: daysAgo(31), runningTasks: 1, stuckTasks: 0 },
      { sampledAt: daysAgo(1), runningTasks: 1, stuckTasks: 0 },
    ],
  });
  await db.alertEvent.createMany({
    data: [
      { ruleName: "stuck", firedAt: daysAgo(45), message: "old", value: 1 },
      { ruleName: "stuck", firedAt: daysAgo(2), message: "new", value: 1 },
    ],
  });
  const a = await createTask();
  const [cameraA] = (await db.diagnosisTaskCamera.findMany({ where: { taskId: a.id } })).map((c) => c.cameraId);
  const a1 = await finishedRun(a.id, cameraA, 1, 40, 2);
  const a2 = await finishedRun(a.id, cameraA, 2, 35, 1);
  const a3 = await finishedRun(a.id, cameraA, 3, 1, 1);
  // A task that last ran long ago keeps that run: it is its last known state.
  const b = await createTask();
  const [cameraB] = (await db.diagnosisTaskCamera.findMany({ where: { taskId: b.id } })).map((c) => c.cameraId);
  const b1 = await finishedRun(b.id, cameraB, 1, 100, 1);
  // A run still going is never history, however old.
  const c = await createTask();
  const [cameraC] = (await db.diagnosisTaskCamera.findMany({ where: { taskId: c.id } })).map((x) => x.cameraId);
  await finishedRun(c.id, cameraC, 1, 90, 1);
  await makeRunning(c.id, { attempt: 2, startedMinutesAgo: 60 * 24 * 50 });
  await db.$executeRaw`UPDATE task_runs SET started_at = now() - interval '50 days' WHERE task_id = ${c.id} AND attempt = 2`;
  await db.recoveryAudit.create({
    data: {
      taskId: a.id,
      taskName: a.name,
      recoveredAt: daysAgo(300),
      actorType: "cli",
      actorLabel: "test",
      mode: "cli",
      reasonCode: "no_owner",
      reasonText: "x",
      newStatus: "pending",
      priorStatus: "running",
      priorAttempt: 1,
    },
  });
  return { a1, a2, a3, b1, cTask: c.id };
}

describe("pruning history", () => {
  it("counts first with a dry run, then deletes only old finished runs a task has run again since, with their results", async () => {
    const ids = await history();
    const db = await getDb();
    const before = { runs: await db.taskRun.count(), results: await db.diagnosisResult.count() };
    const expected = { runs: 3, results: 4, metricSamples: 2, alertEvents: 1 }; // a1, a2 and c's attempt 1
    expect(await pruneHistory({ olderThanDays: 30, dryRun: true })).toMatchObject(expected);
    expect({ runs: await db.taskRun.count(), results: await db.diagnosisResult.count() }).toEqual(before);

    expect(await pruneHistory({ olderThanDays: 30 })).toMatchObject(expected);
    const left = (await db.taskRun.findMany({ select: { id: true } })).map((r) => r.id);
    expect(left).toEqual(expect.arrayContaining([ids.a3, ids.b1]));
    expect(left).not.toContain(ids.a1);
    expect(left).not.toContain(ids.a2);
    expect(await db.taskRun.count({ where: { taskId: ids.cTask, finishedAt: null } })).toBe(1);
    expect(await db.diagnosisResult.count()).toBe(before.results - 4);
    expect(await db.metricSample.count()).toBe(1);
    expect(await db.alertEvent.count()).toBe(1);
    expect(await db.recoveryAudit.count()).toBe(1);
    expect(await pruneHistory({ olderThanDays: 30 })).toMatchObject({ runs: 0, results: 0, metricSamples: 0, alertEvents: 0 });
  });

  it("easysight db prune refuses a bad age with a sentence, and reports what it deleted", async () => {
    const cli = (args: string[]) =>
      promisify(execFile)(process.execPath, ["bin/easysight.mjs", "db", "prune", ...args], { env: { ...process.env, LOG_LEVEL: "warn" } });
    const bad = await cli(["--older-than-days", "0"]).catch((e) => e);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'error: --older-than-days 必须是 1 到 36500 之间的整数天数，而不是 "0" (--older-than-days must be a whole number of days from 1 to 36500, not "0").\n',
    );
    const out = JSON.parse((await cli(["--older-than-days", "3650", "--dry-run", "--json"])).stdout);
    expect(out).toMatchObject({ runs: 0, results: 0, dryRun: true });
    expect(Date.now() - Date.parse(out.cutoff)).toBeGreaterThan(3649 * 86_400_000);
  });
});
