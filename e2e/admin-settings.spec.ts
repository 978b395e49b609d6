import { expect, test } from "@playwright/test";
import { signIn } from "./support/session";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { uniqueName as unique } from "./support/e2e-db";

test.describe("roles and admin settings", () => {
  test("a viewer sees no camera controls and no settings link, and the settings pages are forbidden (HTTP 403)", async ({ page }) => {
    const health = watchConsole(page, { refusals: [403] });
    await signIn(page, "viewer", "/cameras");
    await expect(page.getByTestId("camera-table").getByRole("link", { name: "大厅-01" })).toBeVisible();
    await expect(page.getByRole("link", { name: "添加摄像头" })).toHaveCount(0);
    await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "摄像头" })).toBeVisible();
    await expect(page.getByRole("link", { name: "系统设置" })).toHaveCount(0);

    await page.getByTestId("camera-table").getByRole("link", { name: "大厅-01" }).click();
    await expect(page.getByRole("heading", { name: "大厅-01", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "编辑" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "立即取帧" })).toHaveCount(0);

    for (const path of ["/settings/users", "/settings/tokens", "/cameras/new", "/tasks/new"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByTestId("forbidden")).toContainText("无权访问");
      await expect(page.getByTestId("forbidden")).toContainText("你的角色（观察员）无权打开此页面");
      await expect(page.getByTestId("user-table")).toHaveCount(0);
    }
    await saveScreenshot(page, "forbidden");
    health.expectClean();
  });

  test("an admin creates a user with a generated password shown once, and cannot demote the last admin", async ({ page }) => {
    const health = watchConsole(page, { refusals: [400] });
    await signIn(page, "admin", "/settings/users");
    const username = unique("ops");
    const form = page.getByTestId("create-user-form");
    await form.getByLabel("用户名").fill(username);
    await form.getByLabel("角色").selectOption("operator");
    await form.getByRole("button", { name: "创建用户" }).click();
    await expect(page.getByTestId("user-created")).toContainText(`已创建用户 ${username}`);
    await expect(page.getByTestId("generated-password")).toHaveText(/^[A-Za-z0-9_-]{20}$/);
    await expect(page.getByTestId(`user-row-${username}`)).toContainText("操作员");
    await saveScreenshot(page, "settings-users");
    await page.reload();
    await expect(page.getByTestId("generated-password")).toHaveCount(0);

    // The e2e admin is the only admin: demoting it is refused with the service's reason.
    await page.getByLabel("e2e-admin 的角色").selectOption("viewer");
    await expect(page.getByTestId("role-refused")).toContainText("e2e-admin 是最后一位管理员，不能降级");
    await expect(page.getByLabel("e2e-admin 的角色")).toHaveValue("admin");
    health.expectClean();
  });

  test("an admin creates an API token, sees it once, uses it, revokes it, and then it is refused", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "admin", "/settings/tokens");
    const name = unique("monitoring");
    await page.getByTestId("create-token-form").getByLabel("名称").fill(name);
    await page.getByRole("button", { name: "创建令牌" }).click();
    await expect(page.getByTestId("token-created")).toContainText("只显示这一次");
    const token = (await page.getByTestId("new-token").textContent())!.trim();
    expect(token).toMatch(/^es_[A-Za-z0-9_-]{40,}$/);
    await saveScreenshot(page, "settings-tokens");

    const statusCheck = () => page.request.get("/api/diagnosis/tasks/status-check", { headers: { Authorization: `Bearer ${token}` } });
    const accepted = await statusCheck();
    expect(accepted.status()).toBe(200);
    expect(await accepted.json()).toMatchObject({ total_running: expect.any(Number), total_stuck: expect.any(Number) });

    await page.reload();
    await expect(page.getByTestId("new-token")).toHaveCount(0);
    const row = page.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(`${token.slice(0, 10)}…`);
    await expect(row).toContainText("e2e-admin");
    await expect(row.getByTestId("token-state")).toHaveText("有效");

    await row.getByRole("button", { name: `吊销令牌 ${name}` }).click();
    const dialog = page.getByTestId("revoke-token-dialog");
    await expect(dialog).toContainText(token.slice(0, 10));
    await dialog.getByRole("button", { name: "吊销" }).click();
    await expect(dialog).toBeHidden();
    await expect(row.getByTestId("token-state")).toContainText("已吊销");

    const refused = await statusCheck();
    expect(refused.status()).toBe(401);
    health.expectClean();
  });
});
