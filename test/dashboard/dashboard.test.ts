import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { metricSeries } from "@/server/dashboard/metric-series";
import { statusSummary } from "@/server/dashboard/status-summary";
import { bucketsFor } from "@/server/dashboard/time-range";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

const MINUTE = 60_000;
// Fixed once, so that a minute boundary passing during the test cannot move the fixtures' buckets.
const thisMinute = Math.floor(Date.now() / MINUTE) * MINUTE;
/** A moment `offsetSeconds` into the one-minute bucket that started `minutesAgo` minutes ago. */
const inBucket = (minutesAgo: number, offsetSeconds: number) => new Date(thisMinute - minutesAgo * MINUTE + offsetSeconds * 1000);

async function audit(taskId: number, mode: string, at: Date) {
  await (
    await getDb()
  ).recoveryAudit.create({
    data: {
      taskId,
      taskName: "t",
      recoveredAt: at,
      actorType: "user",
      actorLabel: "test",
      mode,
      reasonCode: "no_owner",
      reasonText: "任务没有执行器记录",
      newStatus: "pending",
      priorStatus: "running",
      priorAttempt: 1,
    },
  });
}

describe("dashboard", () => {
  it("buckets of the last hour are one minute wide, aligned to the minute, the last one holding now", () => {
    const now = new Date("2026-11-28T10:30:42Z");
    const { starts, stepSeconds } = bucketsFor("1h", now);
    expect(stepSeconds).toBe(60);
    expect(starts).toHaveLength(60);
    expect(starts.at(-1)).toEqual(new Date("2026-11-28T10:30:00Z"));
    expect(starts[0]).toEqual(new Date("2026-11-28T09:31:00Z"));
  });

  it("series: the highest stuck count per bucket, the mean runtime of finished runs, recoveries per mode; gaps stay empty", async () => {
    const db = await getDb();
    await db.metricSample.createMany({
      data: [
        { sampledAt: inBucket(10, 5), runningTasks: 4, stuckTasks: 1 },
        { sampledAt: inBucket(10, 40), runningTasks: 4, stuckTasks: 3 },
        { sampledAt: inBucket(5, 10), runningTasks: 2, stuckTasks: 0 },
        { sampledAt: inBucket(90, 10), runningTasks: 9, stuckTasks: 9 },
      ],
    });
    const task = await createTask();
    const run = (attempt: number, minutes: number, outcome: string) => ({
      taskId: task.id,
      attempt,
      outcome,
      startedAt: new Date(inBucket(20, 30).getTime() - minutes * MINUTE),
      finishedAt: inBucket(20, 30),
    });
    await db.taskRun.createMany({ data: [run(1, 2, "completed"), run(2, 4, "failed"), run(3, 30, "reset")] });
    await audit(task.id, "manual", inBucket(3, 1));
    await audit(task.id, "bulk", inBucket(3, 2));
    await audit(task.id, "bulk", inBucket(3, 3));

    const { points } = await metricSeries("1h");

    const at = (minutesAgo: number) => points.find((p) => p.at.getTime() === inBucket(minutesAgo, 0).getTime())!;
    expect(points).toHaveLength(60);
    expect(at(10).stuckTasks).toBe(3);
    expect(at(5).stuckTasks).toBe(0);
    expect(at(11).stuckTasks).toBeNull();
    expect(at(20).avgRuntimeSeconds).toBe(180);
    expect(at(21).avgRuntimeSeconds).toBeNull();
    expect(at(3).recoveries).toEqual({ manual: 1, bulk: 2, force: 0, auto: 0, cli: 0 });
    expect(Math.max(...points.map((p) => p.stuckTasks ?? 0))).toBe(3);
  });

  it("summary: tasks per status and how many are stuck now", async () => {
    const before = await statusSummary();
    const dead = await createInstance({ heartbeatAgeSeconds: 600 });
    const stuck = await createTask();
    await createTask();
    await makeRunning(stuck.id, { ownerId: dead, heartbeatAgeSeconds: 600 });

    const after = await statusSummary();

    expect(after.total - before.total).toBe(2);
    expect(after.byStatus.running - before.byStatus.running).toBe(1);
    expect(after.byStatus.pending - before.byStatus.pending).toBe(1);
    expect(after.stuck - before.stuck).toBe(1);
    expect(after.stuckNotRunning - before.stuckNotRunning).toBe(1);
  });
});
