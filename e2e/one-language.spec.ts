import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";
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
  "EasySight Diagnosis English Web REST API PID HTTP HTTPS RTSP RTMP CSV URL ID JSON CPU Cron cron MB KB GB ms min UTC IP".split(" "),
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

async function mainPages(page: Page): Promise<string[]> {
  await page.goto("/tasks");
  const taskHref = await page.locator('[data-testid^="task-row-"] a[href^="/tasks/"]').first().getAttribute("href");
  await page.goto("/cameras");
  const cameraHref = await page.locator('[data-testid^="camera-row-"] a[href^="/cameras/"]').first().getAttribute("href");
  return ["/", "/tasks", taskHref!, "/cameras", cameraHref!, "/recoveries", "/executors", "/settings/users", "/settings/tokens"];
}

test.describe("one language at a time", () => {
  test.beforeAll(async () => {
    // A stuck task, so the banner, its badge and the stuck reason are on screen too.
    await runningTask(uniqueName("language-stuck"), "executor_dead");
  });

  test("the English console shows no Chinese besides what users typed", async ({ page, baseURL }) => {
    test.slow();
    await signIn(page, "admin", "/tasks");
    await page.context().addCookies([{ name: "easysight_lang", value: "en", url: baseURL! }]);
    const typed = await userData();
    const found: string[] = [];
    for (const path of await mainPages(page)) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      for (const text of await visibleTexts(page, typed)) if (CJK.test(text) && text !== "中文") found.push(`${path}: ${text}`);
    }
    expect(found).toEqual([]);
  });

  test("the Chinese console shows no English words besides technical terms and what users typed", async ({ page }) => {
    test.slow();
    await signIn(page, "admin", "/tasks");
    const typed = await userData();
    const found: string[] = [];
    for (const path of await mainPages(page)) {
      await page.goto(path);
      await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
      for (const text of await visibleTexts(page, typed)) {
        const words = (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !LATIN_ALLOWED.has(w) && w !== "English");
        if (words.length) found.push(`${path}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });
});
