import { expect, test, type Page } from "@playwright/test";
import { e2eOrigin } from "./support/e2e-env";
import { signIn } from "./support/session";
import { watchConsole } from "./support/page-health";
import { sql, uniqueName } from "./support/e2e-db";
import { runningTask, taskStatus } from "./support/task-fixtures";

const row = (page: Page, id: number) => page.getByTestId(`task-row-${id}`);
const listOf = (prefix: string) => `/tasks?q=${encodeURIComponent(prefix)}`;

test.describe("task recovery in the console", () => {
  test("an admin recovers a stuck task from its row; the stuck badge and the dead executor go away, and a manual task shows no next run", async ({
    page,
  }) => {
    const health = watchConsole(page);
    const name = uniqueName("卡住-单个");
    // Active and manual: someone ran it by hand, and its executor died during the run.
    const id = await runningTask(name, "executor_dead", "manual");
    await signIn(page, "admin", listOf(name));

    await expect(row(page, id).getByTestId("status-badge")).toHaveText(/任务卡住/);
    await expect(row(page, id).getByTestId("stuck-reason")).toHaveText("执行器已失联");
    await expect(row(page, id).getByTestId("task-executor")).toHaveText("e2e-dead-host:4242");
    await expect(row(page, id).getByTestId("task-next-run")).toHaveText("—");
    await row(page, id)
      .getByRole("button", { name: /恢复任务/ })
      .click();

    await expect(page.getByTestId("announcer")).toContainText(`任务 #${id} 已恢复，当前状态：等待中`);
    await expect(row(page, id).getByTestId("status-badge")).toHaveText("等待中");
    await expect(row(page, id).getByRole("button", { name: /恢复任务/ })).toHaveCount(0);
    await expect(row(page, id).getByTestId("task-executor")).toHaveText("—");
    await expect(row(page, id).getByTestId("task-next-run")).toHaveText("—");
    expect(await taskStatus(id)).toBe("pending");
    health.expectClean();
  });

  test("全部恢复 asks first with the count and the first task names; cancel changes nothing, confirm recovers them all", async ({
    page,
  }) => {
    const health = watchConsole(page);
    const prefix = uniqueName("卡住-批量");
    const ids = [await runningTask(`${prefix}-a`, "no_owner"), await runningTask(`${prefix}-b`, "executor_dead")];
    await signIn(page, "admin", listOf(prefix));

    const banner = page.getByTestId("stuck-banner");
    await expect(banner).toContainText(/发现 \d+ 个卡住的任务/);
    await expect(row(page, ids[0]).getByTestId("stuck-reason")).toHaveText("任务没有执行器记录");

    const dialog = page.getByTestId("recover-all-dialog");
    await banner.getByRole("button", { name: "全部恢复" }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
    const confirm = dialog.getByRole("button", { name: /^恢复 \d+ 个任务$/ });
    await expect(confirm).toBeEnabled();
    const stuck = Number(/恢复 (\d+) 个卡住的任务？/.exec((await dialog.getByRole("heading").textContent()) ?? "")?.[1]);
    expect(stuck).toBeGreaterThanOrEqual(2);
    await expect(dialog.getByTestId("named-tasks")).toContainText(`${prefix}-a`);
    await expect(dialog.getByTestId("named-tasks")).toContainText(`${prefix}-b`);
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    expect([await taskStatus(ids[0]), await taskStatus(ids[1])]).toEqual(["running", "running"]);
    await expect(row(page, ids[1]).getByTestId("status-badge")).toHaveText(/任务卡住/);

    await banner.getByRole("button", { name: "全部恢复" }).click();
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("announcer")).toContainText(`成功重置 ${stuck} 个卡住的任务`);
    await expect(banner).toContainText("未发现卡住的任务");
    for (const id of ids) await expect(row(page, id).getByTestId("status-badge")).toHaveText("等待中");
    expect([await taskStatus(ids[0]), await taskStatus(ids[1])]).toEqual(["pending", "pending"]);
    health.expectClean();
  });

  test("force reset asks first, says how many healthy runs it interrupts, and cancelling changes nothing", async ({ page }) => {
    const health = watchConsole(page);
    const name = uniqueName("正常运行");
    const id = await runningTask(name, "healthy");
    await signIn(page, "admin", listOf(name));
    await expect(row(page, id).getByTestId("status-badge")).toHaveText("运行中");

    await page.getByTestId("stuck-banner").getByRole("button", { name: "强制重置…" }).click();
    const dialog = page.getByTestId("force-reset-dialog");
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "取消" })).toBeFocused();
    await expect(dialog).toContainText(/其中 [1-9]\d* 个任务正在正常运行，会被中断。/);
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(dialog).toBeHidden();
    expect(await taskStatus(id)).toBe("running");
    await expect(row(page, id).getByTestId("status-badge")).toHaveText("运行中");

    await page.getByTestId("stuck-banner").getByRole("button", { name: "强制重置…" }).click();
    await dialog.getByRole("button", { name: "强制重置", exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("announcer")).toContainText(/成功重置 \d+ 个卡住的任务/);
    await expect(row(page, id).getByTestId("status-badge")).toHaveText("等待中");
    expect(await taskStatus(id)).toBe("pending");
    health.expectClean();
  });

  test("a viewer sees why a task is stuck but no recovery controls, and a forged recoverAll call is refused with 403", async ({ page }) => {
    const health = watchConsole(page, { refusals: [403] });
    const name = uniqueName("卡住-观察员");
    const id = await runningTask(name, "no_owner");
    await signIn(page, "viewer", listOf(name));

    await expect(row(page, id).getByTestId("status-badge")).toHaveText(/任务卡住/);
    await expect(page.getByTestId("stuck-banner")).toContainText(/发现 \d+ 个卡住的任务/);
    await expect(page.getByRole("button", { name: /恢复/ })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /强制重置/ })).toHaveCount(0);

    // From our own origin, so that it is the role that is refused, not the cross-site check.
    const forged = await page.request.post("/api/trpc/recovery.recoverAll", {
      data: { json: { forceReset: false } },
      headers: { origin: e2eOrigin() },
    });
    expect(forged.status()).toBe(403);
    expect(await taskStatus(id)).toBe("running");

    await page.goto(`/tasks/${id}`);
    await expect(page.getByTestId("task-stuck-banner")).toContainText("任务没有执行器记录");
    await expect(page.getByRole("button", { name: /恢复|立即运行|删除/ })).toHaveCount(0);
    health.expectClean();
  });

  test("an admin recovers a stuck task from its detail page; the run and the recovery show in its history", async ({ page }) => {
    const health = watchConsole(page);
    const name = uniqueName("卡住-详情");
    const id = await runningTask(name, "executor_dead");
    await signIn(page, "admin", `/tasks/${id}`);

    await expect(page.getByTestId("task-stuck-banner")).toContainText("执行器已失联");
    await page.getByRole("button", { name: /恢复任务/ }).click();

    await expect(page.getByTestId("task-stuck-banner")).toHaveCount(0);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    // The dead executor is no longer named as the task's executor, only as the one that ran it last.
    await expect(page.getByTestId("last-executor")).toHaveText("上次执行者 e2e-dead-host:4242");
    const runs = page.getByTestId("task-runs");
    await expect(runs.getByRole("row").nth(1)).toContainText("已重置");
    await expect(runs.getByRole("row").nth(1)).toContainText("e2e-dead-host:4242");
    const recoveries = page.getByTestId("task-recoveries");
    await expect(recoveries.getByRole("row").nth(1)).toContainText("单个任务");
    await expect(recoveries.getByRole("row").nth(1)).toContainText("执行器已失联");
    await expect(recoveries.getByRole("row").nth(1)).toContainText("e2e-admin");

    // 恢复记录 names the executor that held the run by host:pid, not by its instance id.
    await page.goto(`/recoveries?task=${id}`);
    await expect(page.getByTestId("audit-prior-owner").first()).toHaveText("e2e-dead-host:4242");
    health.expectClean();
  });

  test("the list opened for one executor says so, 执行器 host:pid, and its ✕ shows every task again", async ({ page }) => {
    const health = watchConsole(page);
    const name = uniqueName("执行器筛选");
    const id = await runningTask(name, "executor_dead");
    const [{ owner }] = await sql<{ owner: string }>(`SELECT owner_instance_id::text AS owner FROM diagnosis_tasks WHERE id = $1`, [id]);
    await signIn(page, "viewer", `/tasks?executor=${owner}`);

    const chip = page.getByTestId("executor-filter");
    await expect(chip).toHaveText(/^执行器 e2e-dead-host:4242/);
    await expect(row(page, id)).toBeVisible();
    await chip.getByRole("link", { name: "不再只看执行器 e2e-dead-host:4242 的任务" }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(chip).toHaveCount(0);
    health.expectClean();
  });
});
