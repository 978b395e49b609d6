import { expect, test } from "@playwright/test";
import { E2E_USERS } from "./support/e2e-env";
import { signIn, submitSignIn } from "./support/session";

test.describe("sign-in", () => {
  test("an admin signs in and sees the task list with the admin role", async ({ page }) => {
    await signIn(page, "admin");
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByTestId("current-user")).toContainText("管理员");
    await expect(page.getByTestId("task-table").getByRole("link", { name: "停车场亮度检测" })).toBeVisible();
  });

  test("a viewer signs in and sees the same list", async ({ page }) => {
    await signIn(page, "viewer");
    await expect(page.getByTestId("current-user")).toContainText("观察员");
    await expect(page.getByTestId("task-table").getByRole("link", { name: "出入口信号监测" })).toBeVisible();
  });

  test("a wrong password shows a clear message and stays signed out", async ({ page }) => {
    await page.goto("/signin");
    await submitSignIn(page, "admin", "not-the-password");
    await expect(page.getByTestId("signin-error")).toHaveText("用户名或密码错误，请重试。");
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks/);
  });

  test("a deep link opened signed out lands on that task after sign-in", async ({ page }) => {
    await signIn(page, "viewer");
    await page.getByRole("link", { name: "仓库遮挡与清晰度检测" }).click();
    await expect(page.getByTestId("task-detail")).toBeVisible();
    const taskUrl = new URL(page.url());
    await page.context().clearCookies();

    await page.goto(taskUrl.pathname + "?tab=history");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await submitSignIn(page, "admin");
    await expect(page).toHaveURL(`${taskUrl.pathname}?tab=history`);
    await expect(page.getByRole("heading", { name: "仓库遮挡与清晰度检测" })).toBeVisible();
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, "operator");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });

  test("an unknown task id shows a not-found page", async ({ page }) => {
    await signIn(page, "viewer");
    const response = await page.goto("/tasks/987654");
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toContainText("任务不存在");
  });

  test("a viewer's forged call to an admin procedure is refused with 403", async ({ page }) => {
    await signIn(page, "viewer");
    const response = await page.request.post("/api/trpc/users.create", {
      data: { json: { username: "forged-admin", password: "password123", role: "admin" } },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.json.message).toContain("admin");
    const list = await page.request.get("/api/trpc/users.list");
    expect(list.status()).toBe(403);
  });

  test("an anonymous tRPC call is refused with 401", async ({ request }) => {
    const response = await request.get("/api/trpc/tasks.list");
    expect(response.status()).toBe(401);
    expect(E2E_USERS.admin.username).toBe("e2e-admin");
  });
});
