import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";
import { startWorker } from "@/test/support/worker-process";
import { sql } from "./e2e-db";
import { e2eCameraFilesRoot, e2eDatabaseUrl } from "./e2e-env";
import type { startHeldCamera } from "./held-camera";

/**
 * A real `easysight worker` process beside the e2e server, on the same database: a second executor a
 * test can kill. It runs one task at a time, so when it is killed the only run it leaves behind is
 * the one the test gave it (it may run a due demo task meanwhile; those finish).
 */
export async function startE2EWorker() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-e2e-worker-"));
  const worker = startWorker({
    DATABASE_URL: e2eDatabaseUrl(),
    AUTO_MIGRATE: "0",
    DEMO_DATA: "0",
    EXECUTOR_CONCURRENCY: "1",
    DATA_DIR: path.join(scratch, "data"),
    LOG_DIR: path.join(scratch, "logs"),
    CAMERA_FILES_ROOT: e2eCameraFilesRoot(),
  });
  let instanceId = "";
  await expect(async () => {
    const [row] = await sql<{ id: string }>(`SELECT id FROM executor_instances WHERE pid = $1 AND stopped_at IS NULL`, [worker.child.pid]);
    expect(row, `the worker registers (its output: ${worker.output()})`).toBeDefined();
    instanceId = row.id;
  }).toPass({ timeout: 30_000 });

  return {
    instanceId,
    pid: worker.child.pid!,
    /**
     * Has this worker claim `taskId`, a task whose one camera is `camera`, and returns once the worker
     * is grabbing from it. Run now asks for a run; whichever executor polls first claims it (the e2e
     * server's own executor polls every 2 s, this worker every 0.1 s). When the server wins, its run
     * is let finish (the camera answers) and the task is offered again.
     */
    async claim(taskId: number, camera: Awaited<ReturnType<typeof startHeldCamera>>, runNow: () => Promise<unknown>) {
      for (let offer = 1; offer <= 5; offer++) {
        await runNow();
        await camera.waitForGrab();
        const [task] = await sql<{ owner_instance_id: string | null }>(`SELECT owner_instance_id FROM diagnosis_tasks WHERE id = $1`, [
          taskId,
        ]);
        if (task.owner_instance_id === instanceId) return;
        camera.release();
        await expect
          .poll(async () => (await sql(`SELECT 1 FROM diagnosis_tasks WHERE id = $1 AND status = 'running'`, [taskId])).length)
          .toBe(0);
      }
      throw new Error(`the e2e server's executor claimed task ${taskId} five times before the worker did`);
    },
    /** kill -9: no shutdown, no release of its run, its heartbeat simply stops. */
    async kill() {
      worker.child.kill("SIGKILL");
      await worker.exited;
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}
