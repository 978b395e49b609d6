import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { listTaskRuns } from "@/server/tasks/task-runs";
import { latestTaskResults } from "@/server/results/latest-task-results";
import { createCamera, createInstance, createTask } from "../support/fixtures";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);

async function addRun(taskId: number, attempt: number, options: { instanceId?: string; minutes: number; outcome: string; error?: string }) {
  return (await getDb()).taskRun.create({
    data: {
      taskId,
      attempt,
      instanceId: options.instanceId ?? null,
      outcome: options.outcome,
      error: options.error ?? null,
      startedAt: new Date(Date.now() - 3_600_000),
      finishedAt: options.outcome === "running" ? null : new Date(Date.now() - 3_600_000 + options.minutes * 60_000),
    },
  });
}

describe("task detail reads", () => {
  it("run history: newest attempt first, with executor, duration, outcome and error", async () => {
    const executor = await createInstance();
    const task = await createTask();
    await addRun(task.id, 1, { instanceId: executor, minutes: 2, outcome: "completed" });
    await addRun(task.id, 2, { minutes: 5, outcome: "failed", error: "camera offline" });
    await addRun(task.id, 3, { instanceId: executor, minutes: 0, outcome: "running" });

    const page = await listTaskRuns({ taskId: task.id, pageSize: 2 });

    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.attempt)).toEqual([3, 2]);
    expect(page.items[0]).toMatchObject({ outcome: "running", finishedAt: null, executor: { host: "test-host", pid: 4242 } });
    expect(page.items[0].durationSeconds).toBeGreaterThanOrEqual(3_599);
    expect(page.items[1]).toMatchObject({ outcome: "failed", error: "camera offline", executor: null, durationSeconds: 300 });
    expect((await listTaskRuns({ taskId: task.id, page: 2, pageSize: 2 })).items.map((r) => r.attempt)).toEqual([1]);
  });

  it("run history of a task that does not exist is NOT_FOUND", async () => {
    await expect(listTaskRuns({ taskId: 2_000_000_001 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("latest results: the newest result of each of the task's cameras, with metrics and whether it has an image", async () => {
    const [seen, unseen] = [await createCamera(), await createCamera()];
    const task = await createTask({ cameraIds: [seen.id, unseen.id] });
    const run = await addRun(task.id, 1, { minutes: 1, outcome: "completed" });
    const db = await getDb();
    const result = (verdict: string, findings: string[], createdAt: Date, thumbnail: Uint8Array<ArrayBuffer> | null) =>
      db.diagnosisResult.create({
        data: {
          taskId: task.id,
          runId: run.id,
          cameraId: seen.id,
          attempt: 1,
          verdict,
          findings,
          createdAt,
          thumbnail,
          checks: { too_dark: { abnormal: findings.includes("too_dark"), score: 0.8, metrics: { meanLuma: 21.5 } } },
        },
      });
    await result("ok", [], new Date(Date.now() - 120_000), null);
    const newest = await result("abnormal", ["too_dark"], new Date(Date.now() - 60_000), JPEG);

    const latest = await latestTaskResults(task.id);

    const byCamera = new Map(latest.map((l) => [l.camera.id, l.result]));
    expect(byCamera.get(unseen.id)).toBeNull();
    expect(byCamera.get(seen.id)).toMatchObject({
      id: newest.id.toString(),
      verdict: "abnormal",
      findings: ["too_dark"],
      hasThumbnail: true,
      checks: [{ code: "too_dark", abnormal: true, score: 0.8, metrics: { meanLuma: 21.5 } }],
    });
  });
});
