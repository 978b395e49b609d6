import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";
import { watchConsole } from "./support/page-health";
import { sql, uniqueName } from "./support/e2e-db";
import { startHeldCamera } from "./support/held-camera";
import { startE2EWorker } from "./support/e2e-worker";
import { taskStatus } from "./support/task-fixtures";

test.describe("a running task's progress", () => {
  test("the detail page's progress bar advances camera by camera over a slow camera; the list shows i/N; 立即运行 waits", async ({
    page,
  }) => {
    const health = watchConsole(page);
    const camera = await startHeldCamera();
    try {
      const prefix = uniqueName("进度");
      const cameraIds: number[] = [];
      for (const n of [1, 2, 3]) {
        const [c] = await sql<{ id: number }>(
          `INSERT INTO cameras (name, source_type, source_uri, grab_timeout_ms, updated_at) VALUES ($1, 'http_snapshot', $2, 60000, now()) RETURNING id`,
          [`${prefix}-慢-${n}`, camera.url],
        );
        cameraIds.push(c.id);
      }
      const [task] = await sql<{ id: number }>(
        `INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, is_active, next_run_time, updated_at)
         VALUES ($1, '{blur,too_dark}', 'interval', 60, true, now() + interval '1 hour', now()) RETURNING id`,
        [prefix],
      );
      for (const c of cameraIds) await sql(`INSERT INTO diagnosis_task_cameras (task_id, camera_id) VALUES ($1, $2)`, [task.id, c]);

      await signIn(page, "operator", `/tasks/${task.id}`);
      await expect(page.getByTestId("status-badge").first()).toHaveText("等待中");
      await page.getByRole("button", { name: "立即运行" }).click();
      // The page follows the run by itself (no reload): queued, then running camera by camera.
      const bar = page.getByRole("progressbar");
      await camera.waitForGrab();
      await expect(bar).toHaveAttribute("aria-valuenow", "0");
      await expect(page.getByTestId("run-progress")).toContainText("第 1/3 个摄像头");
      await expect(page.getByTestId("run-progress")).toContainText(`正在抓取「${prefix}-慢-1」画面`);
      await expect(page.getByRole("button", { name: "立即运行" })).toBeDisabled();

      camera.release();
      await camera.waitForGrab();
      await expect(bar).toHaveAttribute("aria-valuenow", "1");
      await expect(page.getByTestId("run-progress")).toContainText(`第 2/3 个摄像头 正在抓取「${prefix}-慢-2」画面`);

      camera.release();
      await camera.waitForGrab();
      await expect(bar).toHaveAttribute("aria-valuenow", "2");

      await page.goto(`/tasks?q=${encodeURIComponent(prefix)}`);
      await expect(page.getByTestId(`task-row-${task.id}`).getByTestId("run-progress-count")).toHaveText("3/3");

      camera.release();
      await expect(page.getByTestId(`task-row-${task.id}`).getByTestId("status-badge")).toHaveText("已完成");
      await page.goto(`/tasks/${task.id}`);
      await expect(page.getByRole("progressbar")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "立即运行" })).toBeEnabled();
      health.expectClean();
    } finally {
      await camera.close();
    }
  });

  test("kill -9 of the worker running a task: 任务卡住 says where the run stopped, in the list, on its page and in its recovery history", async ({
    page,
  }) => {
    test.slow();
    const health = watchConsole(page);
    const camera = await startHeldCamera();
    const worker = await startE2EWorker();
    try {
      const name = uniqueName("卡住-位置");
      const cameraName = `${name}-大门`;
      const [cam] = await sql<{ id: number }>(
        `INSERT INTO cameras (name, source_type, source_uri, grab_timeout_ms, updated_at) VALUES ($1, 'http_snapshot', $2, 120000, now()) RETURNING id`,
        [cameraName, camera.url],
      );
      const [task] = await sql<{ id: number }>(
        `INSERT INTO diagnosis_tasks (name, checks, schedule_type, is_active, updated_at) VALUES ($1, '{blur,too_dark}', 'manual', true, now()) RETURNING id`,
        [name],
      );
      await sql(`INSERT INTO diagnosis_task_cameras (task_id, camera_id) VALUES ($1, $2)`, [task.id, cam.id]);

      await signIn(page, "admin", `/tasks/${task.id}`);
      await worker.claim(task.id, camera, () => page.getByRole("button", { name: "立即运行" }).click());
      // The page follows the run by itself: the worker is waiting for the camera.
      await expect(page.getByTestId("run-progress")).toContainText(`第 1/1 个摄像头 正在抓取「${cameraName}」画面`);
      await expect(page.getByTestId("task-stuck-banner")).toHaveCount(0);

      await worker.kill();

      const where = new RegExp(`^在抓取「${cameraName}」画面时中断（第 1/1 个摄像头），已等待 \\d+ 分钟$`);
      const banner = page.getByTestId("task-stuck-banner");
      await expect(banner).toContainText("执行器已失联");
      await expect(banner.getByTestId("stopped-where")).toHaveText(where);
      await expect(page.getByTestId("status-badge").first()).toHaveText(/任务卡住/);

      await page.goto(`/tasks?q=${encodeURIComponent(name)}`);
      await expect(page.getByTestId(`task-row-${task.id}`).getByTestId("stopped-where")).toHaveText(where);

      await page.goto(`/tasks/${task.id}`);
      await page.getByRole("button", { name: /恢复任务/ }).click();
      await expect(banner).toHaveCount(0);
      await expect(page.getByTestId("task-recoveries").getByTestId("stopped-where")).toHaveText(where);
      expect(await taskStatus(task.id)).toBe("pending");
      health.expectClean();
    } finally {
      await worker.kill();
      await camera.close();
    }
  });
});
