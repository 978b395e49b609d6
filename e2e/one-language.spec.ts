import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";
import { e2eOrigin } from "./support/e2e-env";
import { sql } from "./support/e2e-db";
import { runningTask } from "./support/task-fixtures";
import { uniqueName } from "./support/e2e-db";

/**
 * One language at a time (issue 13, item 6): walking the console's main pages in English leaves no
 * Chinese on screen, and in Chinese no English words, except what users typed (task and camera names,
 * locations, sources, accounts) and technical terms and codes (the language switch names the other
 * language in its own words).
 */
const CJK = /[\u4e00-\u9fff]/;
// Words a Chinese screen keeps in Latin letters: product, protocols and formats, and short units.
const LATIN_ALLOWED = new Set(
  "EasySight Diagnosis English Web REST API PID HTTP HTTPS RTSP RTMP TCP UDP CSV URL ID JSON CPU Cron cron MB KB GB ms min UTC IP".split(
    " ",
  ),
);

async function userData(): Promise<string[]> {
  const rows = await sql<{ text: string | null }>(
    `SELECT name AS text FROM diagnosis_tasks UNION SELECT description FROM diagnosis_tasks
     UNION SELECT name FROM cameras UNION SELECT location FROM cameras UNION SELECT source_uri FROM cameras
     UNION SELECT username FROM users UNION SELECT display_name FROM users UNION SELECT email FROM users
     UNION SELECT name FROM api_tokens UNION SELECT host FROM executor_instances`,
  );
  // Longest first, so a name that contains another is removed whole.
  return rows
    .map((r) => r.text ?? "")
    .filter((t) => t.length > 0)
    .sort((a, b) => b.length - a.length);
}

/** The page's visible text, piece by piece, without code-like cells (.mono) and what users typed. */
async function visibleTexts(page: Page, typed: string[]): Promise<string[]> {
  await expect(page.locator(".state[role=status]")).toHaveCount(0);
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, template, .mono, code, [hidden], #__next-route-announcer__")) continue;
      if (!parent.checkVisibility()) continue;
      const text = node.textContent?.trim();
      if (text) out.push(text);
    }
    return out;
  });
  return texts.map((text) => typed.reduce((rest, data) => rest.split(data).join(" "), text).trim()).filter(Boolean);
}

let stuckTask = 0;
let recoveredTask = 0;

async function mainPages(page: Page): Promise<string[]> {
  // Recovered through the API (once: the second walk finds it recovered already), so its detail page
  // shows the recovery's status reason, its reset run and its recovery history.
  await page.request.post(`/api/diagnosis/tasks/${recoveredTask}/recovery`, { headers: { origin: e2eOrigin() } });
  await page.goto("/tasks");
  const taskHref = await page.locator('[data-testid^="task-row-"] a[href^="/tasks/"]').first().getAttribute("href");
  await page.goto("/cameras");
  const cameraHref = await page.locator('[data-testid^="camera-row-"] a[href^="/cameras/"]').first().getAttribute("href");
  return [
    "/",
    "/tasks",
    taskHref!,
    `/tasks/${stuckTask}`,
    `/tasks/${recoveredTask}`,
    "/tasks/new",
    "/cameras",
    cameraHref!,
    "/cameras/new",
    "/recoveries",
    "/executors",
    "/settings/users",
    "/settings/tokens",
  ];
}

/**
 * What a person meets outside the signed-in admin's pages, in `lang`: the sign-in page, and the 403
 * page a viewer gets on an admin page.
 */
async function otherPages(page: Page, baseURL: string, lang: "zh" | "en", typed: string[]): Promise<Array<[string, string[]]>> {
  const context = await page.context().browser()!.newContext({ baseURL, locale: "zh-CN" });
  await context.addCookies([{ name: "easysight_lang", value: lang, url: baseURL }]);
  const other = await context.newPage();
  try {
    await other.goto("/signin");
    await expect(other.locator("html")).toHaveAttribute("lang", lang === "en" ? "en" : "zh-CN");
    const signInTexts = await visibleTexts(other, typed);
    await signIn(other, "viewer", "/");
    await other.goto("/settings/users");
    await expect(other.getByTestId("forbidden")).toBeVisible();
    return [
      ["/signin", signInTexts],
      ["/settings/users (403)", await visibleTexts(other, typed)],
    ];
  } finally {
    await context.close();
  }
}

/**
 * Walks the main pages and the others in `lang` (the page must already be signed in with that language) and
 * returns "path: text" for every visible text that `foreign` calls out of place, users' own data left out.
 */
async function outOfLanguage(page: Page, baseURL: string, lang: "zh" | "en", foreign: (text: string) => boolean): Promise<string[]> {
  const typed = await userData();
  const found: string[] = [];
  const note = (path: string, texts: string[]) => {
    for (const text of texts) if (foreign(text)) found.push(`${path}: ${text}`);
  };
  for (const path of await mainPages(page)) {
    await page.goto(path);
    await expect(page.locator("html")).toHaveAttribute("lang", lang === "en" ? "en" : "zh-CN");
    note(path, await visibleTexts(page, typed));
  }
  for (const [path, texts] of await otherPages(page, baseURL, lang, typed)) note(path, texts);
  return found;
}

test.describe("one language at a time", () => {
  test.beforeAll(async () => {
    // A stuck task with where its run stopped, so the banner, its badge, the stuck reason and the
    // stopped-at sentence are on screen too.
    stuckTask = await runningTask(uniqueName("language-stuck"), "executor_dead");
    recoveredTask = await runningTask(uniqueName("language-recovered"), "executor_dead");
    const [camera] = await sql<{ id: number; name: string }>(
      `INSERT INTO cameras (name, source_type, source_uri, updated_at) VALUES ($1, 'image_folder', 'demo/cameras/lobby', now()) RETURNING id, name`,
      [uniqueName("language-camera")],
    );
    await sql(
      `UPDATE diagnosis_tasks SET progress_index = 2, progress_total = 5, progress_camera_id = $2, progress_camera_name = $3, progress_phase = 'analysing',
         progress_phase_at = now() - interval '3 minutes' WHERE id = $1`,
      [stuckTask, camera.id, camera.name],
    );
  });

  test("the English console shows no Chinese besides what users typed", async ({ page, baseURL }) => {
    test.slow();
    await signIn(page, "admin", "/tasks");
    await page.context().addCookies([{ name: "easysight_lang", value: "en", url: baseURL! }]);
    expect(await outOfLanguage(page, baseURL!, "en", (text) => CJK.test(text) && text !== "中文")).toEqual([]);
  });

  test("the Chinese console shows no English words besides technical terms and what users typed", async ({ page, baseURL }) => {
    test.slow();
    await signIn(page, "admin", "/tasks");
    const english = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).some((w) => !LATIN_ALLOWED.has(w) && w !== "English");
    expect(await outOfLanguage(page, baseURL!, "zh", english)).toEqual([]);
  });
});
