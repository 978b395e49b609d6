import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { sql, uniqueName } from "./support/e2e-db";
import { runningTask } from "./support/task-fixtures";

test.describe("task pages", () => {
  test("the task list and the stuck check refresh by themselves every 5 minutes", async ({ page }) => {
    const prefix = uniqueName("自动刷新");
    await page.clock.install();
    await signIn(page, "viewer", `/tasks?q=${encodeURIComponent(prefix)}`);
    await expect(page.getByTestId("task-table")).toContainText("没有符合筛选条件的任务");
    const checkedBefore = await page.getByTestId("last-checked").locator("time").getAttribute("datetime");

    const name = `${prefix}-新任务`;
    const id = await runningTask(name, "no_owner");
    await page.clock.runFor("04:00");
    await expect(page.getByTestId(`task-row-${id}`)).toHaveCount(0);

    const listRequest = page.waitForRequest((r) => r.url().includes("/api/trpc/") && r.url().includes("tasks.list"));
    const checkRequest = page.waitForRequest((r) => r.url().includes("/api/trpc/") && r.url().includes("recovery.stuckSummary"));
    await page.clock.runFor("01:01");
    await Promise.all([listRequest, checkRequest]);

    await expect(page.getByTestId(`task-row-${id}`).getByTestId("status-badge")).toHaveText(/任务卡住/);
    await expect(page.getByTestId("last-checked").locator("time")).not.toHaveAttribute("datetime", checkedBefore!);
    await sql(`UPDATE diagnosis_tasks SET status = 'pending' WHERE id = $1`, [id]);
  });

  test("filters and sorting live in the URL, and a shared URL opens the same view", async ({ page }) => {
    const health = watchConsole(page);
    const prefix = uniqueName("筛选");
    const stuck = await runningTask(`${prefix}-b`, "no_owner");
    const healthy = await runningTask(`${prefix}-a`, "healthy");
    await signIn(page, "operator", `/tasks?q=${encodeURIComponent(prefix)}`);
    const rows = page.getByTestId("task-table").locator("tbody tr");
    await expect(rows).toHaveCount(2);

    await page.getByRole("button", { name: /名称/ }).click();
    await expect(page).toHaveURL(/sort=name/);
    await expect(page.getByRole("columnheader", { name: /名称/ })).toHaveAttribute("aria-sort", "ascending");
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${healthy}`);
    await page.getByRole("button", { name: /名称/ }).click();
    await expect(page.getByRole("columnheader", { name: /名称/ })).toHaveAttribute("aria-sort", "descending");
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${stuck}`);

    await page.getByLabel("只看卡住的任务").check();
    await expect(page).toHaveURL(/stuck=1/);
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-testid", `task-row-${stuck}`);

    const shared = page.url();
    await page.goto("/tasks");
    await page.goto(shared);
    await expect(rows).toHaveCount(1);
    await expect(page.getByLabel("只看卡住的任务")).toBeChecked();
    await sql(`UPDATE diagnosis_tasks SET status = 'pending' WHERE id = ANY($1)`, [[stuck, healthy]]);
    health.expectClean();
  });

  test("the language switch turns every page into English and back", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "admin", "/tasks");
    await page.getByRole("link", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Diagnosis tasks" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Dashboard", "Tasks", "Cameras", "Recoveries", "Executors", "Settings"])
      await expect(nav.getByRole("link", { name: link })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Status/ })).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText("Admin");

    await nav.getByRole("link", { name: "Dashboard" }).click();
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText("Stuck now")).toBeVisible();
    await saveScreenshot(page, "dashboard-en");

    await page.getByRole("link", { name: "中文" }).click();
    await expect(page.getByRole("heading", { name: "概览" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "系统设置" })).toBeVisible();
    health.expectClean();
  });

  test("the task form explains what is wrong inline, creates the task, and edits it", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "operator", "/tasks/new");
    const form = page.getByTestId("task-form");
    await form.getByRole("button", { name: "创建任务" }).click();
    await expect(form.getByText("请输入任务名称（1 到 200 个字符）。")).toBeVisible();
    await expect(form.getByText("请至少选择一个摄像头（最多 1000 个）。")).toBeVisible();
    await expect(form.getByText("请至少选择一个检测项。")).toBeVisible();
    await expect(form.getByLabel("任务名称")).toHaveAttribute("aria-invalid", "true");

    const name = uniqueName("新建任务");
    await form.getByLabel("任务名称").fill(name);
    await form.getByTestId("camera-choices").getByLabel("大厅-01").check();
    await form.getByLabel("过暗").check();
    await form.getByLabel("模糊").check();
    await form.getByLabel("Cron 表达式").check();
    await form.getByRole("textbox", { name: "Cron 表达式" }).fill("0 * *");
    await form.getByRole("button", { name: "创建任务" }).click();
    await expect(form.getByText(/Cron 表达式无效/)).toBeVisible();
    await expect(form.getByText("请输入任务名称（1 到 200 个字符）。")).toHaveCount(0);
    await saveScreenshot(page, "task-form-errors");

    await form.getByRole("textbox", { name: "Cron 表达式" }).fill("0 3 * * *");
    await form.getByLabel("启用（按调度自动运行）").uncheck();
    await form.getByRole("button", { name: "创建任务" }).click();
    await expect(page).toHaveURL(/\/tasks\/\d+$/);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByTestId("task-detail")).toContainText("Cron：0 3 * * *");
    await expect(page.getByTestId("announcer")).toContainText(`任务「${name}」已创建。`);

    await page.getByRole("link", { name: "编辑" }).click();
    await expect(form.getByLabel("任务名称")).toHaveValue(name);
    await expect(form.getByTestId("camera-choices").getByLabel("大厅-01")).toBeChecked();
    await form.getByLabel("按间隔").check();
    await form.getByLabel("间隔（分钟）").fill("0");
    await form.getByRole("button", { name: "保存修改" }).click();
    await expect(form.getByText("间隔是 1 到 10080 之间的整数（分钟）。")).toBeVisible();
    await form.getByLabel("间隔（分钟）").fill("15");
    await form.getByRole("button", { name: "保存修改" }).click();
    await expect(page.getByTestId("task-detail")).toContainText("每 15 分钟");
    await expect(page.getByTestId("announcer")).toContainText(`任务「${name}」已保存。`);
    health.expectClean();
  });

  test("screenshots of the main pages at 1280 and 768 px wide", async ({ page }) => {
    test.setTimeout(120_000);
    const health = watchConsole(page);
    const stuck = await runningTask(uniqueName("截图-卡住的任务"), "executor_dead");
    await signIn(page, "admin", "/");
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/");
      await expect(page.getByTestId("metric-charts")).toBeVisible();
      await expect(page.getByTestId("stuck-now")).toContainText(/[1-9]/);
      await saveScreenshot(page, `dashboard-${width}`);
      await page.goto("/tasks");
      await expect(page.getByTestId("stuck-banner")).toContainText("卡住的任务");
      await saveScreenshot(page, `tasks-${width}`);
      await page.goto(`/tasks/${stuck}`);
      await expect(page.getByTestId("task-stuck-banner")).toBeVisible();
      await saveScreenshot(page, `task-stuck-${width}`);
      await page.goto("/tasks");
      await page.getByTestId("task-table").getByRole("link", { name: "大厅与走廊画质巡检" }).click();
      await expect(page.getByTestId("latest-results").locator("article")).toHaveCount(2);
      await expect(page.getByTestId("task-runs")).toBeVisible();
      await saveScreenshot(page, `task-detail-${width}`);
      await page.goto("/tasks/new");
      await saveScreenshot(page, `task-new-${width}`);
    }
    await sql(`UPDATE diagnosis_tasks SET status = 'pending' WHERE id = $1`, [stuck]);
    health.expectClean();
  });
});
