import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";
import { watchConsole } from "./support/page-health";
import { sql, uniqueName } from "./support/e2e-db";
import { runningTask } from "./support/task-fixtures";

const row = (page: Page, id: number) => page.getByTestId(`task-row-${id}`);
const listOf = (prefix: string) => `/tasks?q=${encodeURIComponent(prefix)}`;

/** The task's runs and state, read from the database (what the executor did, not what a page shows). */
async function runsOf(id: number) {
  const [t] = await sql<{ status: string; runs: number; next_run_time: Date | null }>(
    `SELECT status, next_run_time, (SELECT count(*)::int FROM task_runs r WHERE r.task_id = t.id) AS runs FROM diagnosis_tasks t WHERE id = $1`,
    [id],
  );
  return t;
}

test.describe("run outcomes and recovery of manual tasks", () => {
  test("a recovered manual task is not run again; a recovered hourly task runs its missed slot once", async ({ page }) => {
    const health = watchConsole(page);
    const prefix = uniqueName("恢复后");
    const manual = await runningTask(`${prefix}-手动`, "executor_dead", "manual");
    const hourly = await runningTask(`${prefix}-每小时`, "executor_dead", "interval");
    await signIn(page, "admin", listOf(prefix));

    for (const id of [manual, hourly]) {
      await row(page, id)
        .getByRole("button", { name: /恢复任务/ })
        .click();
      await expect(page.getByTestId("announcer")).toContainText(`任务 #${id} 已恢复`);
    }
    // The hourly task's missed slot runs at the executor's next poll: once it has run, that poll has
    // also seen the manual task, which must still be pending with its one (reset) run and no next run.
    await expect.poll(async () => (await runsOf(hourly)).runs, { timeout: 20_000 }).toBe(2);
    await expect.poll(async () => (await runsOf(hourly)).status, { timeout: 20_000 }).toBe("completed");
    expect(await runsOf(manual)).toMatchObject({ status: "pending", runs: 1, next_run_time: null });
    expect((await runsOf(hourly)).next_run_time!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    await page.goto(`/tasks/${manual}`);
    await expect(page.getByTestId("status-badge").first()).toHaveText("等待中");
    health.expectClean();
  });

  test("a run whose every camera failed shows 失败; one with some failed cameras shows 部分失败 with the camera named", async ({
    page,
  }) => {
    const health = watchConsole(page);
    const prefix = uniqueName("结果");
    const [good] = await sql<{ id: number }>(
      `INSERT INTO cameras (name, source_type, source_uri, updated_at) VALUES ($1, 'image_folder', 'demo/cameras/lobby', now()) RETURNING id`,
      [`${prefix}-好`],
    );
    // Nothing listens on the discard port: the grab fails at once with "connection refused".
    const [bad] = await sql<{ id: number }>(
      `INSERT INTO cameras (name, source_type, source_uri, grab_timeout_ms, updated_at)
       VALUES ($1, 'http_snapshot', 'http://127.0.0.1:9/snapshot.jpg', 2000, now()) RETURNING id`,
      [`${prefix}-坏`],
    );
    const task = async (name: string, cameraIds: number[]) => {
      const [t] = await sql<{ id: number }>(
        `INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, is_active, next_run_time, updated_at)
         VALUES ($1, '{blur,too_dark}', 'interval', 60, true, now() - interval '1 minute', now()) RETURNING id`,
        [name],
      );
      for (const c of cameraIds) await sql(`INSERT INTO diagnosis_task_cameras (task_id, camera_id) VALUES ($1, $2)`, [t.id, c]);
      return t.id;
    };
    const allFailed = await task(`${prefix}-全坏`, [bad.id]);
    const someFailed = await task(`${prefix}-部分`, [good.id, bad.id]);
    for (const id of [allFailed, someFailed]) {
      await expect.poll(async () => (await runsOf(id)).status, { timeout: 30_000 }).toMatch(/completed|failed/);
    }

    await signIn(page, "admin", listOf(prefix));
    await expect(row(page, allFailed).getByTestId("status-badge")).toHaveText("失败");
    await expect(row(page, someFailed).getByTestId("status-badge")).toHaveText("部分失败");

    await page.goto(`/tasks/${someFailed}`);
    await expect(page.getByTestId("status-badge").first()).toHaveText("部分失败");
    await expect(page.getByText("0 次成功 / 共 1 次")).toBeVisible();
    const runs = page.getByTestId("task-runs");
    await expect(runs.getByRole("row").nth(1)).toContainText("部分失败");
    await expect(runs.getByRole("row").nth(1)).toContainText(`${prefix}-坏`);

    await page.goto(`/tasks/${allFailed}`);
    await expect(page.getByTestId("task-runs").getByRole("row").nth(1)).toContainText("失败");
    await expect(page.getByTestId("task-runs").getByRole("row").nth(1)).toContainText("全部 1 个摄像头失败");
    await expect(page.getByTestId("task-runs").getByRole("row").nth(1)).toContainText("连接被拒绝");

    // The same note in English, from its codes: no Chinese left but the camera's own name.
    await page.context().addCookies([{ name: "easysight_lang", value: "en", url: page.url() }]);
    await page.reload();
    const error = page.getByTestId("task-runs").getByRole("row").nth(1).locator(".error-text");
    await expect(error).toHaveText(`The camera failed: "${prefix}-坏": The connection was refused: nothing listens on that port`);
    health.expectClean();
  });
});
