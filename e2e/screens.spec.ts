import { expect, test, type Browser, type Page } from "@playwright/test";
import { diagnosedCamera } from "./support/diagnosed-camera";
import { sql, uniqueName } from "./support/e2e-db";
import { startHeldCamera } from "./support/held-camera";
import { layoutProblems } from "./support/layout-facts";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { hydrated, signIn } from "./support/session";
import { runningTask } from "./support/task-fixtures";
import { trpcMutation } from "./support/trpc-call";

/**
 * Every page at a desktop window (1400×900) and a phone's (390×844, mobile viewport), in both
 * languages: each is saved as a screenshot in the test's results for a person to look at, and checked
 * for what a person would notice at once: the page scrolling sideways, a cut-off badge, buttons on
 * top of each other or out of the window, navigation out of reach.
 */
const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1400, height: 900 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
] as const;
const LANGUAGES = ["zh", "en"] as const;

const scene = { runningTaskId: 0, stuckTaskId: 0, stuckTaskName: "", cameraId: 0 };
let camera: Awaited<ReturnType<typeof startHeldCamera>>;

async function adminPage(browser: Browser, baseURL: string) {
  const page = await browser.newPage({ baseURL });
  await signIn(page, "admin", "/cameras");
  return page;
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const page = await adminPage(browser, baseURL!);

  // A camera with findings (camera page, camera list, dashboard).
  const diagnosed = await diagnosedCamera(page, "test/fixtures/vqd-public/images/aero1-signal_loss-9.jpg", [
    "signal_loss",
    "too_dark",
    "blur",
  ]);
  await diagnosed.runAndWait();
  scene.cameraId = diagnosed.id;

  // A run that stays on its second camera (progress bar), over a camera that answers only when told.
  camera = await startHeldCamera();
  const prefix = uniqueName("画面检查-运行中");
  const [task] = await sql<{ id: number }>(
    `INSERT INTO diagnosis_tasks (name, checks, schedule_type, is_active, updated_at) VALUES ($1, '{blur,too_dark}', 'manual', true, now()) RETURNING id`,
    [prefix],
  );
  for (const n of [1, 2, 3]) {
    const [c] = await sql<{ id: number }>(
      `INSERT INTO cameras (name, source_type, source_uri, grab_timeout_ms, updated_at) VALUES ($1, 'http_snapshot', $2, 120000, now()) RETURNING id`,
      [`${prefix}-${n}`, camera.url],
    );
    await sql(`INSERT INTO diagnosis_task_cameras (task_id, camera_id) VALUES ($1, $2)`, [task.id, c.id]);
  }
  await trpcMutation(page.request, "tasks.runNow", { id: task.id });
  await camera.waitForGrab();
  camera.release();
  scene.runningTaskId = task.id;

  // A stuck task with where its run stopped, and one recovered (a row in 恢复记录).
  scene.stuckTaskName = uniqueName("画面检查-卡住");
  scene.stuckTaskId = await runningTask(scene.stuckTaskName, "executor_dead");
  const recovered = await runningTask(uniqueName("画面检查-已恢复"), "executor_dead");
  await sql(
    `UPDATE diagnosis_tasks SET progress_index = 3, progress_total = 10, progress_camera_name = '大门-04', progress_phase = 'grabbing',
       progress_phase_at = now() - interval '28 minutes' WHERE id = ANY($1)`,
    [[scene.stuckTaskId, recovered]],
  );
  await trpcMutation(page.request, "recovery.recoverTask", { id: recovered });
  await page.close();
});

test.afterAll(async () => {
  await camera?.close();
});

/** Opens a page, waits until its data is on screen, saves it and returns what looks wrong on it. */
async function look(page: Page, path: string, shot: string, ready?: (page: Page) => Promise<void>): Promise<string[]> {
  await page.goto(path);
  await hydrated(page);
  await expect(page.locator(".state[role=status]")).toHaveCount(0);
  await ready?.(page);
  await saveScreenshot(page, shot);
  return (await layoutProblems(page)).map((problem) => `${path}: ${problem}`);
}

for (const { name, viewport, isMobile } of VIEWPORTS) {
  for (const lang of LANGUAGES) {
    test.describe(`${name} ${viewport.width}×${viewport.height}, ${lang}`, () => {
      test.use({ viewport, isMobile, hasTouch: isMobile });

      test("every page fits the window: no sideways page scroll, no cut-off badge, no overlapping or out-of-window button", async ({
        page,
        browser,
        baseURL,
      }) => {
        test.setTimeout(120_000);
        const health = watchConsole(page, { refusals: [403] });
        await page.context().addCookies([{ name: "easysight_lang", value: lang, url: baseURL! }]);
        const shot = (page: string) => `${name}-${lang}-${page}`;
        const problems: string[] = [];

        problems.push(...(await look(page, "/signin", shot("signin"))));
        await signIn(page, "admin", "/");

        // The navigation: every section's link is inside the window and takes you there.
        const nav = page.locator("nav.main-nav");
        const links = nav.getByRole("link");
        expect(await links.count()).toBeGreaterThanOrEqual(6);
        for (const link of await links.all()) {
          await expect(link).toBeInViewport({ ratio: 1 });
        }
        await links.nth(2).click();
        await expect(page).toHaveURL(/\/cameras$/);

        const pages: Array<[string, string, ((page: Page) => Promise<void>)?]> = [
          ["/", "dashboard"],
          ["/tasks", "tasks"],
          // A stuck task's row: its recover button is within reach without scrolling the table.
          [
            `/tasks?q=${encodeURIComponent(scene.stuckTaskName)}`,
            "tasks-stuck-row",
            (p) => expect(p.getByTestId(`task-row-${scene.stuckTaskId}`).getByRole("button")).toBeInViewport({ ratio: 1 }),
          ],
          [`/tasks/${scene.runningTaskId}`, "task-running", (p) => expect(p.getByRole("progressbar")).toBeVisible()],
          [`/tasks/${scene.stuckTaskId}`, "task-stuck", (p) => expect(p.getByTestId("task-stuck-banner")).toBeVisible()],
          ["/tasks/new", "task-new"],
          ["/recoveries", "recoveries", (p) => expect(p.getByTestId("stopped-where").first()).toBeVisible()],
          // A camera's latest verdict (its findings) is in sight without scrolling the table.
          ["/cameras", "cameras", (p) => expect(p.getByTestId("camera-table").getByTestId("finding").first()).toBeInViewport({ ratio: 1 })],
          [`/cameras/${scene.cameraId}`, "camera-findings", (p) => expect(p.getByTestId("finding").first()).toBeVisible()],
          ["/cameras/new", "camera-new"],
          ["/executors", "executors"],
          ["/settings/users", "settings-users"],
          ["/settings/tokens", "settings-tokens"],
        ];
        for (const [path, label, ready] of pages) problems.push(...(await look(page, path, shot(label), ready)));

        // The page a viewer meets where only an admin may go.
        const viewer = await browser.newPage({ baseURL, viewport, isMobile, hasTouch: isMobile });
        await viewer.context().addCookies([{ name: "easysight_lang", value: lang, url: baseURL! }]);
        await signIn(viewer, "viewer", "/");
        problems.push(
          ...(await look(viewer, "/settings/users", shot("forbidden"), (p) => expect(p.getByTestId("forbidden")).toBeVisible())),
        );
        await viewer.close();

        expect(problems).toEqual([]);
        health.expectClean();
      });
    });
  }
}

test("times are shown in the reader's time zone (Asia/Shanghai here), not the server's, from the first paint after loading", async ({
  page,
}) => {
  const health = watchConsole(page);
  const [camera] = await sql<{ created_at: Date }>(`SELECT created_at FROM cameras WHERE id = $1`, [scene.cameraId]);
  await signIn(page, "admin", `/cameras/${scene.cameraId}`);
  const shanghai = camera.created_at.toLocaleString("zh-CN", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  await expect(page.getByTestId("camera-props").locator(`time[datetime="${camera.created_at.toISOString()}"]`).first()).toHaveText(
    shanghai,
  );
  health.expectClean();
});
