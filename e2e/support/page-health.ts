import { expect, test, type Page } from "@playwright/test";

/**
 * Collects what the browser reports as broken while a test runs (console errors, uncaught
 * exceptions); `expectClean()` fails the test if anything was reported. `refusals`: the test makes
 * the server refuse something on purpose, so Chromium's "Failed to load resource ... 4xx" lines for
 * those calls are expected.
 */
export function watchConsole(page: Page, options: { refusals?: number[] } = {}) {
  const problems: string[] = [];
  const expected = (text: string) =>
    options.refusals?.some((status) => text.includes(`Failed to load resource: the server responded with a status of ${status}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !expected(message.text())) problems.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  return { expectClean: () => expect(problems, problems.join("\n")).toEqual([]) };
}

/** A full-page screenshot kept with the test's results (and attached to the HTML report). */
export async function saveScreenshot(page: Page, name: string) {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: "image/png" });
}
