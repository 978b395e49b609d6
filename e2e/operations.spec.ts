import fs from "node:fs";
import os from "node:os";
import { expect, test } from "@playwright/test";
import { e2eOrigin } from "./support/e2e-env";
import { signIn } from "./support/session";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { sql, uniqueName as unique } from "./support/e2e-db";

test.describe("operations", () => {
  test("the executors page shows the e2e server's own executor alive, and refreshes by itself", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "viewer", "/executors");
    const own = page.getByTestId("executor-table").getByRole("row").filter({ hasText: "当前服务器" });
    await expect(own).toHaveCount(1);
    // Named host:pid, as everywhere else (the pid is the e2e server's, not known here).
    await expect(own).toContainText(new RegExp(`${os.hostname().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+`));
    await expect(own).toContainText("Web 服务器");
    await expect(own.getByTestId("executor-status")).toHaveText("在线");
    await expect(page.getByTestId("executor-summary")).toContainText("在线");
    await saveScreenshot(page, "executors");

    const refreshed = page.waitForRequest((request) => request.url().includes("/api/trpc/executors.list"), { timeout: 15_000 });
    await refreshed;
    health.expectClean();
  });

  test("a recovered stuck task appears in the audit with its prior state, and the CSV export holds that row", async ({ page }) => {
    const health = watchConsole(page);
    const name = unique("卡住的任务");
    // The guide's stuck task: running, nobody owns it.
    const [{ id }] = await sql<{ id: number }>(
      `INSERT INTO diagnosis_tasks (name, checks, schedule_type, status, is_active, attempt, owner_instance_id, started_at, heartbeat_at, last_run_time, updated_at)
       VALUES ($1, '{too_dark}', 'manual', 'running', true, 4, NULL, now() - interval '50 minutes', now() - interval '49 minutes', now() - interval '50 minutes', now())
       RETURNING id`,
      [name],
    );
    await signIn(page, "admin", "/recoveries");
    const recovery = await page.request.post("/api/diagnosis/tasks/recovery", { headers: { origin: e2eOrigin() } });
    expect(recovery.status()).toBe(200);
    // The e2e server's watchdog may have been quicker: then the row says "automatic" instead of "bulk".
    const byRequest = ((await recovery.json()).reset_task_ids as number[]).includes(id);

    await page.getByRole("search").getByLabel("任务", { exact: true }).fill(String(id));
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(new RegExp(`/recoveries\\?task=${id}`));
    const rows = page.getByTestId("audit-table").getByRole("row");
    await expect(rows).toHaveCount(2);
    const row = rows.nth(1);
    await expect(row.getByRole("link", { name })).toHaveAttribute("href", `/tasks/${id}`);
    await expect(row).toContainText(byRequest ? "批量" : "自动（看门狗）");
    await expect(row).toContainText(byRequest ? "e2e-admin" : "watchdog");
    await expect(row).toContainText("任务没有执行器记录");
    await expect(row).toContainText("运行中");
    await expect(row).toContainText("等待中");
    await expect(row.locator(".adm-prior")).toContainText("4");
    await saveScreenshot(page, "recoveries");

    const downloading = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(name);
    expect(lines[1]).toContain(String(id));

    await page.getByRole("link", { name: "清除筛选" }).click();
    await expect(page).toHaveURL(/\/recoveries$/);
    await expect(page.getByTestId("audit-table").getByRole("link", { name })).toBeVisible();
    health.expectClean();
  });

  test("the operations pages fit a 768 px screen without sideways scrolling, in Chinese and in English", async ({ page, baseURL }) => {
    const health = watchConsole(page);
    await signIn(page, "admin", "/cameras");
    await page.setViewportSize({ width: 768, height: 1000 });
    const pages = [
      { path: "/cameras", zh: "摄像头", en: "Cameras" },
      { path: "/recoveries", zh: "恢复记录", en: "Recoveries" },
      { path: "/executors", zh: "执行器", en: "Executors" },
      { path: "/settings/users", zh: "系统设置", en: "Settings" },
      { path: "/settings/tokens", zh: "系统设置", en: "Settings" },
    ];
    for (const lang of ["zh", "en"] as const) {
      await page.context().addCookies([{ name: "easysight_lang", value: lang, url: baseURL! }]);
      for (const target of pages) {
        await page.goto(target.path);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(target[lang]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${target.path} (${lang}) scrolls sideways`).toBeLessThanOrEqual(0);
        await saveScreenshot(page, `768-${lang}${target.path.replace(/\//g, "-")}`);
      }
    }
    health.expectClean();
  });
});
