import { afterAll, afterEach, beforeAll } from "vitest";
import { getDb } from "@/server/db/client";
import { startCameraServer } from "./camera-server";
import { createCamera, createTask } from "./fixtures";
import { waitFor } from "./wait-for";
import { startWorker, type WorkerProcess } from "./worker-process";

/**
 * Real `easysight worker` processes and a camera server for one test file. Workers started through it are
 * killed after each test, so a failed assertion never leaves a process claiming the next test's tasks.
 */
export function useWorkerProcesses() {
  let cameras: Awaited<ReturnType<typeof startCameraServer>> | undefined;
  const started: WorkerProcess[] = [];
  beforeAll(async () => {
    cameras = await startCameraServer();
  });
  afterAll(() => cameras?.close());
  afterEach(async () => {
    const workers = started.splice(0);
    for (const w of workers) w.child.kill("SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
  });

  return {
    start(env: Record<string, string> = {}): WorkerProcess {
      const worker = startWorker(env);
      started.push(worker);
      return worker;
    },

    /** A due task whose only camera never answers, once `worker` has claimed it (status running, its owner set). */
    async hangingTaskRunningIn(worker: WorkerProcess, data: Record<string, unknown> = {}) {
      const cam = await createCamera({ sourceType: "http_snapshot", sourceUri: cameras!.url("/hang"), grabTimeoutMs: 60_000 });
      const t = await createTask({ cameraIds: [cam.id], data: { nextRunTime: new Date(Date.now() - 1000), ...data } });
      const db = await getDb();
      return waitFor(
        async () => {
          const row = await db.diagnosisTask.findUniqueOrThrow({ where: { id: t.id } });
          return row.status === "running" && row;
        },
        30_000,
        () => `claim (worker output: ${worker.output()})`,
      );
    },
  };
}
