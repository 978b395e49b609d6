import fs from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { otherOriginPage } from "./support/other-origin";
import { signIn } from "./support/session";
import { sql, uniqueName } from "./support/e2e-db";
import { runningTask, taskStatus } from "./support/task-fixtures";

// Some tests here sign in wrongly on purpose, all from this machine's address: forget those
// failures afterwards so that the rest of the suite is not rate-limited.
test.afterEach(async () => {
  await sql("DELETE FROM signin_attempts WHERE scope = 'address'");
});

const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

/** Page routes as the file system names them: app/**\/page.tsx, [id] filled with a demo row's id. */
async function pageRoutes(): Promise<string[]> {
  const [task] = await sql<{ id: number }>("SELECT min(id) AS id FROM diagnosis_tasks");
  const [camera] = await sql<{ id: number }>("SELECT min(id) AS id FROM cameras");
  return (fs.readdirSync("app", { recursive: true }) as string[])
    .filter((f) => /(^|\/)page\.tsx$/.test(f))
    .map((f) => "/" + path.dirname(f).split(path.sep).join("/"))
    .map((route) => (route === "/." ? "/" : route))
    .map((route) => route.replace(/^\/tasks\/\[id\]/, `/tasks/${task!.id}`).replace(/^\/cameras\/\[id\]/, `/cameras/${camera!.id}`))
    .filter((route) => !route.includes("[") && route !== "/signin")
    .sort();
}

/** CSP violations and uncaught errors on a page, from the browser's own reports. */
async function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" && /Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text()))
      problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(
        `Content Security Policy violation on ${location.pathname}: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  return problems;
}

/** React has attached to the page: its elements carry React's fiber keys only after hydration. */
const hydrated = (page: Page) =>
  page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__reactFiber")));

test.describe("security", () => {
  test("headers: pages carry a per-response nonce CSP that Next's scripts use; every answer carries the static headers", async ({
    request,
  }) => {
    const [first, second] = [await request.get("/signin"), await request.get("/signin")];
    const csp = first.headers()["content-security-policy"];
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(nonceOf(second.headers()["content-security-policy"])).not.toBe(nonceOf(csp));
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonceOf(csp)}"`))).toEqual([]);

    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    // Browsers ask for /favicon.ico on their own (bookmarks, some navigations): it answers, no 404.
    const favicon = await request.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toContain("image/");
    for (const url of ["/signin", "/api/health", "/api/diagnosis/tasks/status-check", "/favicon.ico", asset!]) {
      const headers = (await request.get(url)).headers();
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["x-frame-options"], url).toBe("DENY");
      expect(headers["referrer-policy"], url).toBe("same-origin");
      expect(headers["permissions-policy"], url).toBe("camera=(), microphone=(), geolocation=()");
      expect(headers["strict-transport-security"], `${url} over http`).toBeUndefined();
    }
    expect((await request.get("/api/health")).headers()["content-security-policy"]).toContain("default-src 'none'");
  });

  test("CSP: every page hydrates under the policy with no violations", async ({ page }) => {
    test.slow(); // every page of the console, one after the other
    const problems = await watchForViolations(page);
    await page.goto("/signin");
    await expect.poll(() => hydrated(page)).toBe(true);
    await signIn(page, "admin");
    for (const route of await pageRoutes()) {
      await page.goto(route);
      await expect.poll(() => hydrated(page), { message: `${route} hydrates` }).toBe(true);
    }
    // A client-side navigation (router and its fetches, not a page load) works as well.
    await page.goto("/tasks");
    await page.getByTestId("task-table").getByRole("link").first().click();
    await expect(page).toHaveURL(/\/tasks\/\d+/);
    expect(problems).toEqual([]);
  });

  test("cookies: the session cookie is HttpOnly and SameSite=Lax, and not Secure over plain http", async ({ page, context }) => {
    await signIn(page, "viewer");
    const session = (await context.cookies()).find((c) => c.name === "next-auth.session-token");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  });

  test("sign-in: after five wrong passwords the form says how long to wait, in Chinese and in English", async ({ page, context }) => {
    const username = `locked-${Date.now().toString(36)}`;
    await page.goto("/signin");
    const attempt = async (password: string) => {
      await page.getByLabel(/用户名|Username/).fill(username);
      await page.getByLabel(/密码|Password/).fill(password);
      const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: /登录|Sign in/ }).click();
      await answered;
    };
    for (let i = 1; i <= 5; i++) {
      await attempt(`wrong-${i}`);
      await expect(page.getByTestId("signin-error")).toHaveText("用户名或密码错误，请重试。");
    }
    await attempt("wrong-6");
    await expect(page.getByTestId("signin-error")).toHaveText("登录尝试过多，请 15 分钟后再试。");

    await context.addCookies([{ name: "easysight_lang", value: "en", url: page.url() }]);
    await page.reload();
    await attempt("wrong-7");
    await expect(page.getByTestId("signin-error")).toHaveText("Too many sign-in attempts. Please try again in 15 min.");
    await expect(page).toHaveURL(/\/signin/);
  });

  test("csrf: a page on another port of this host cannot use the admin's session (form post, fetch, multipart to tRPC)", async ({
    page,
    baseURL,
  }) => {
    const stuck = await runningTask(uniqueName("csrf-stuck"), "no_owner");
    const healthy = await runningTask(uniqueName("csrf-healthy"), "healthy");
    await signIn(page, "admin");
    const target = (path: string) => `${baseURL}${path}`;
    const recovery = target("/api/diagnosis/tasks/recovery?force_reset=true");
    const recoverAll = target("/api/trpc/recovery.recoverAll");
    const attacks = [
      // Issue 11, row 1: the auto-submitting form.
      { name: "form", expected: 403, path: "/api/diagnosis/tasks/recovery", html: `<form method="post" action="${recovery}"></form>` },
      // A fetch with the user's cookies needs no preflight when it sets no custom header.
      {
        name: "fetch",
        expected: 403,
        path: "/api/diagnosis/tasks/recovery",
        html: `<script>fetch(${JSON.stringify(recovery)}, { method: "POST", credentials: "include", mode: "no-cors" })</script>`,
      },
      // Row 3: tRPC through a form (multipart) and a text/plain fetch, neither preflighted.
      {
        name: "multipart",
        expected: 415,
        path: "/api/trpc/recovery.recoverAll",
        html: `<form method="post" enctype="multipart/form-data" action="${recoverAll}"><input name="forceReset" value="true"></form>`,
      },
      {
        name: "text/plain",
        expected: 415,
        path: "/api/trpc/recovery.recoverAll",
        html: `<script>fetch(${JSON.stringify(recoverAll)}, { method: "POST", credentials: "include", mode: "no-cors",
          headers: { "content-type": "text/plain" }, body: JSON.stringify({ json: { forceReset: true } }) })</script>`,
      },
    ];
    for (const attack of attacks) {
      const evil = await otherOriginPage(`<!doctype html><body>${attack.html}<script>document.forms[0]?.submit()</script></body>`);
      try {
        const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().startsWith(target(attack.path)));
        await page.goto(evil.url);
        // 403, not 401: the browser did send the session cookie (same site), and only the origin check
        // stopped it. (A request without a session would reach the route and get its 401.)
        expect((await (await sent).response())?.status(), attack.name).toBe(attack.expected);
        if (attack.html.startsWith("<form")) {
          await expect(page.locator("body"), attack.name).toContainText(
            attack.expected === 403 ? "cross-site request refused" : "application/json only",
          );
        }
      } finally {
        await evil.close();
      }
    }
    expect(await taskStatus(stuck)).toBe("running");
    expect(await taskStatus(healthy)).toBe("running");
    expect(await sql("SELECT 1 FROM recovery_audits WHERE task_id = ANY($1)", [[stuck, healthy]])).toEqual([]);
  });

  test("sign-in: an X-Forwarded-For sent by the client does not change the address that is counted", async ({ request }) => {
    const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
    const forged = "203.0.113.77";
    const res = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, username: `forger-${Date.now().toString(36)}`, password: "wrong-password", json: "true" },
      headers: { "x-forwarded-for": forged },
    });
    expect(res.status()).toBe(401);
    const rows = await sql<{ subject: string; failures: number }>("SELECT subject, failures FROM signin_attempts WHERE scope = 'address'");
    expect(rows.map((r) => r.subject)).not.toContain(forged);
    expect(rows.find((r) => ["127.0.0.1", "::1"].includes(r.subject))?.failures).toBeGreaterThanOrEqual(1);
  });
});
