/**
 * Fault check: a run whose first database read fails once (a dropped connection, as during a
 * PostgreSQL restart or failover) must not leave its task unscheduled. Expected: the task ends
 * failed or pending with a next run time, so it runs again. Exits 1 otherwise.
 * The failure is injected in-process into the run's first read (Prisma's diagnosisTask.findUnique).
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/faults/transient-read-error.ts
 */
import { throwawayDatabase } from "@/harness/throwaway-database";
import { FIXTURE_DIR, fixtureImages } from "@/harness/camera-server";
import { printTable } from "@/harness/invariants";

const database = await throwawayDatabase("easysight_fault_read");
process.env.LOG_LEVEL = "silent";
const { getDb, closeDb } = await import("@/server/db/client");
const { registerInstance } = await import("@/server/executor/instance-registry");
const { claimDueTasks } = await import("@/server/executor/claim-tasks");
const { runTask } = await import("@/server/executor/run-task");

try {
  const db = await getDb();
  const camera = await db.camera.create({
    data: { name: "camera", sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${fixtureImages()[0]}` },
  });
  const task = await db.diagnosisTask.create({
    data: {
      name: "every 5 min",
      checks: ["too_dark"],
      scheduleType: "interval",
      intervalMinutes: 5,
      nextRunTime: new Date(Date.now() - 1000),
      cameras: { create: [{ cameraId: camera.id }] },
    },
  });
  const instance = await registerInstance("worker", 10_000);
  const [claim] = await claimDueTasks(instance, 1);
  const delegate = db.diagnosisTask as unknown as { findUnique: (...args: unknown[]) => Promise<unknown> };
  const findUnique = delegate.findUnique.bind(delegate);
  let failures = 1;
  delegate.findUnique = (...args) =>
    failures-- > 0 ? Promise.reject(new Error("Connection terminated unexpectedly")) : findUnique(...args);
  await runTask({
    lease: { taskId: claim.taskId, attempt: claim.attempt, instanceId: instance, runId: claim.runId },
    controller: new AbortController(),
    startedAt: claim.startedAt,
    startedPerf: performance.now(),
    progressAt: performance.now(),
    maxRuntimeMinutes: 30,
    progress: null,
  });
  const [after] = await db.$queryRaw<Array<{ status: string; next_run_time: Date | null; status_reason: string | null }>>`
    SELECT status::text, next_run_time, status_reason FROM diagnosis_tasks WHERE id = ${task.id}`;
  const scheduled = after.next_run_time !== null;
  printTable("A transient read error at the start of a run (interval task, every 5 min)", [
    ["status", after.status, after.status_reason ?? ""],
    ["next run time", after.next_run_time?.toISOString() ?? "NULL", scheduled ? "ok" : "FAILED: the task will never run again"],
  ]);
  if (!scheduled) {
    console.error(`
FAILED: runTask (server/executor/run-task.ts) catches the error with no schedule read yet (or
nextRunAfter failing too) and calls finishRun(failed, nextRunTime: null): an interval or cron task
is failed AND unscheduled by one dropped connection. It would need, when the next run time cannot be
computed: release the run to pending (releaseRun) or leave it to the watchdog, and only write
nextRunTime NULL for a manual task.`);
    process.exitCode = 1;
  } else console.log("\nPROVED: the task keeps a next run time after a transient read error.");
} finally {
  await closeDb();
  await database.drop();
}
