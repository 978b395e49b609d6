import "../support/use-own-database";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { Watchdog, type WatchdogCycle } from "@/server/recovery/watchdog";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

describe("watchdog", () => {
  it("a cycle recovers the stuck tasks as the watchdog (mode auto), leaves healthy ones, samples the metrics and reports", async () => {
    const dead = await createInstance({ heartbeatAgeSeconds: 300 });
    const alive = await createInstance({ heartbeatAgeSeconds: 1 });
    const stuck = await createTask();
    const healthy = await createTask();
    await makeRunning(stuck.id, { ownerId: dead, heartbeatAgeSeconds: 300 });
    await makeRunning(healthy.id, { ownerId: alive, heartbeatAgeSeconds: 1 });
    const seen: WatchdogCycle[] = [];
    const watchdog = new Watchdog({
      intervalMs: 60_000,
      autoRecover: true,
      instanceId: () => alive,
      onCycle: async (c) => void seen.push(c),
    });

    const cycle = await watchdog.cycle();

    expect(cycle).toMatchObject({ running: 2, stuck: 1, reset: 1, failed: 0 });
    expect(cycle.avgRuntimeMinutes).toBeCloseTo(1, 0);
    expect(seen).toEqual([cycle]);
    const db = await getDb();
    expect((await db.diagnosisTask.findUniqueOrThrow({ where: { id: stuck.id } })).status).toBe("pending");
    expect((await db.diagnosisTask.findUniqueOrThrow({ where: { id: healthy.id } })).status).toBe("running");
    const audit = await db.recoveryAudit.findFirstOrThrow({ where: { taskId: stuck.id } });
    expect(audit).toMatchObject({
      actorType: "watchdog",
      mode: "auto",
      reasonCode: "executor_dead",
      actorLabel: `${os.hostname()}:${process.pid}`,
    });
    expect(await db.metricSample.findFirst({ where: { instanceId: alive }, orderBy: { id: "desc" } })).toMatchObject({
      runningTasks: 2,
      stuckTasks: 1,
    });
  });

  it("with automatic recovery off, a cycle reports the stuck tasks and samples them but resets nothing", async () => {
    const dead = await createInstance({ heartbeatAgeSeconds: 300 });
    const stuck = await createTask();
    await makeRunning(stuck.id, { ownerId: dead, heartbeatAgeSeconds: 300, startedMinutesAgo: 7 });
    const watchdog = new Watchdog({ intervalMs: 60_000, autoRecover: false, instanceId: () => dead });

    const cycle = await watchdog.cycle();

    expect(cycle).toMatchObject({ stuck: 1, reset: 0, failed: 0 });
    const db = await getDb();
    expect((await db.diagnosisTask.findUniqueOrThrow({ where: { id: stuck.id } })).status).toBe("running");
    expect(await db.recoveryAudit.count({ where: { taskId: stuck.id } })).toBe(0);
    expect(await db.metricSample.findFirst({ where: { instanceId: dead }, orderBy: { id: "desc" } })).toMatchObject({ stuckTasks: 1 });
  });

  it("stop() ends the loop before its first (randomly delayed) cycle without running one", async () => {
    const db = await getDb();
    const before = await db.metricSample.count();
    const watchdog = new Watchdog({ intervalMs: 3_600_000, autoRecover: true, instanceId: () => undefined });
    watchdog.start();
    await watchdog.stop();
    expect(await db.metricSample.count()).toBe(before);
  });
});
