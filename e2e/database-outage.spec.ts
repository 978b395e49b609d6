import { expect, test } from "@playwright/test";
import { clusterEnv, startWeb, type WebServer } from "@/harness/processes";
import { startTcpProxy } from "@/test/support/tcp-proxy";
import { e2eDatabaseUrl } from "./support/e2e-env";
import { submitSignIn } from "./support/session";

// A second production server on the e2e database, reached through a TCP proxy this test cuts: the
// main e2e server (and the other tests) keep their database.
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let web: WebServer;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const direct = new URL(e2eDatabaseUrl());
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const proxied = new URL(direct);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  web = await startWeb("outage web server", clusterEnv(proxied.toString(), { EXECUTOR_ENABLED: "0", WATCHDOG_ENABLED: "0" }));
});

test.afterAll(async () => {
  await web?.stop();
  await proxy?.close();
});

test("while the database is unreachable a page says so, in both languages, and loads again after try again", async ({ page }) => {
  await page.goto(`${web.url}/signin?callbackUrl=/tasks`);
  await submitSignIn(page, "viewer");
  await expect(page.getByTestId("current-user")).toBeVisible();

  await proxy.cut();
  await page.goto(`${web.url}/tasks`);
  await expect(page.getByTestId("page-error-database")).toContainText("数据库暂时无法连接");
  await page.context().addCookies([{ name: "easysight_lang", value: "en", url: web.url }]);
  await page.reload();
  await expect(page.getByTestId("page-error-database")).toContainText("The database is unreachable");

  await proxy.restore();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();
  await expect(page.getByTestId("task-table")).toBeVisible();
});
