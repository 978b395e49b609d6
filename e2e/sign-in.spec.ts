import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "./support/e2e-db";
import { E2E_USERS, e2eDatabaseUrl, e2eOrigin } from "./support/e2e-env";
import { hydrated, signIn, submitSignIn } from "./support/session";

/** `npx easysight ...` against the e2e server's database, as an administrator runs it. */
const easysight = (...args: string[]) =>
  execFileSync(process.execPath, ["bin/easysight.mjs", ...args], {
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), AUTO_MIGRATE: "0" },
  }).toString();

async function signInAs(page: Page, username: string, password: string) {
  await page.goto("/signin");
  await hydrated(page);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /登录|Sign in/ }).click();
  await expect(page.getByTestId("current-user")).toContainText(username);
}

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
      headers: { origin: e2eOrigin() },
    });
    expect(response.status()).toBe(403);
    expect((await response.json()).error.json.message).toContain("admin");
    const list = await page.request.get("/api/trpc/users.list");
    expect(list.status()).toBe(403);
  });

  test("a callback URL that the browser would read as another host lands on /tasks, signed in or not", async ({ page, baseURL }) => {
    // Issue 11, row 4: the browser drops the tab from "/\t/evil.example/x", leaving //evil.example/x.
    await page.goto("/signin?callbackUrl=/%09/evil.example/x");
    await submitSignIn(page, "viewer");
    await expect(page).toHaveURL(`${baseURL}/tasks`);
    for (const callback of ["/%09/evil.example/x", "/%5C/evil.example", "/.//evil.example", "https://evil.example/"]) {
      await page.goto(`/signin?callbackUrl=${callback}`);
      await expect(page, callback).toHaveURL(`${baseURL}/tasks`);
    }
  });

  test("a malformed callback URL never makes the sign-in page fail", async ({ page, baseURL }) => {
    // Issue 11, row 5: /signin?callbackUrl=/%0a/x answered 500.
    for (const callback of ["/%00", "%E0%A4%A", "/%0d%0aSet-Cookie:x=1", "/%0a/x"]) {
      const response = await page.goto(`/signin?callbackUrl=${callback}`);
      expect(response?.status(), callback).toBe(200);
      await expect(page.getByRole("button", { name: "登录" })).toBeVisible();
    }
    await submitSignIn(page, "viewer");
    await expect(page).toHaveURL(`${baseURL}/tasks`);
    const response = await page.goto("/signin?callbackUrl=/%0a/x");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(`${baseURL}/tasks`);
  });

  test("a changed password and `user sign-out-all` end the sessions already signed in", async ({ page }) => {
    test.slow(); // three CLI runs, each a Node process that opens the database
    // Issue 11, row 7: they kept working for up to 12 hours.
    const username = uniqueName("sessions");
    easysight("user", "create", username, "--role", "operator", "--password", "first-password-1");
    await signInAs(page, username, "first-password-1");
    easysight("user", "set-password", username, "--password", "second-password-2");
    await page.goto("/tasks/new");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Ftasks%2Fnew$/);
    const me = await page.request.get("/api/trpc/me.get");
    expect((await me.json()).result.data.json).toBeNull();

    await signInAs(page, username, "second-password-2");
    expect(easysight("user", "sign-out-all", username)).toContain("has ended");
    await page.reload();
    await expect(page).toHaveURL(/\/signin/);
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });

  test("an anonymous tRPC call is refused with 401", async ({ request }) => {
    const response = await request.get("/api/trpc/tasks.list");
    expect(response.status()).toBe(401);
    expect(E2E_USERS.admin.username).toBe("e2e-admin");
  });
});
