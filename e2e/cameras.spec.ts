import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/session";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { trpcMutation } from "./support/trpc-call";
import { uniqueName as unique } from "./support/e2e-db";

const DEMO_CAMERAS = ["大厅-01", "走廊-02", "停车场-03", "大门-04", "仓库-05", "入口-06"];
const FIXTURE_IMAGE = "test/fixtures/vqd-public/images/building-normal-0.jpg";

async function addCameraThroughForm(page: Page, name: string, sourceType: string, source: string) {
  await page.goto("/cameras");
  await page.getByRole("link", { name: "添加摄像头" }).click();
  await expect(page.getByRole("heading", { name: "添加摄像头" })).toBeVisible();
  await page.getByLabel("名称", { exact: true }).fill(name);
  await page.getByLabel("位置（可选）").fill("测试机房");
  await page.getByLabel("视频源类型").selectOption(sourceType);
  await page.getByLabel("视频源地址").fill(source);
}

test.describe("cameras", () => {
  test("the list shows the demo cameras with source, tasks and state, and a camera's page shows its details", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "admin", "/cameras");
    const table = page.getByTestId("camera-table");
    for (const name of DEMO_CAMERAS) await expect(table.getByRole("link", { name })).toBeVisible();
    const lobby = table.getByRole("row").filter({ has: page.getByRole("link", { name: "大厅-01" }) });
    await expect(lobby).toContainText("一号楼大厅");
    await expect(lobby).toContainText("图片文件夹");
    await expect(lobby).toContainText("demo/cameras/lobby");
    await expect(lobby).toContainText("2 个任务");
    await saveScreenshot(page, "cameras-list");

    await page.getByRole("search").getByLabel("名称").fill("入口");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/\/cameras\?q=/);
    await expect(table.getByRole("link")).toHaveText(["入口-06"]);

    await table.getByRole("link", { name: "入口-06" }).click();
    await expect(page.getByRole("heading", { name: "入口-06", level: 1 })).toBeVisible();
    const detail = page.getByTestId("camera-detail");
    await expect(detail).toContainText("视频文件");
    await expect(detail).toContainText("demo/cameras/entrance.mp4");
    await expect(page.getByTestId("camera-props").getByRole("link", { name: "出入口信号监测" })).toBeVisible();
    await expect(page.getByTestId("source-test")).toBeVisible();
    health.expectClean();
  });

  test("an operator adds a camera, grabs a frame now, sees its latest diagnosed frame, and cannot delete it while a task uses it", async ({
    page,
  }) => {
    const health = watchConsole(page, { refusals: [409] });
    await signIn(page, "operator");
    const name = unique("测试摄像头");
    await addCameraThroughForm(page, name, "image_file", FIXTURE_IMAGE);
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    const cameraId = Number(new URL(page.url()).pathname.split("/").pop());

    await page.getByRole("button", { name: "立即取帧" }).click();
    const ok = page.getByTestId("source-test-ok");
    await expect(ok).toContainText(/取帧成功：\d+×\d+，\d+ KB/);
    await expect(ok.getByRole("img", { name: "刚刚抓取的画面" })).toBeVisible();
    await expect(page.getByTestId("latest-result")).toContainText("还没有诊断结果");

    // A task on this camera, run now: the executor of the e2e server diagnoses it.
    const task = await trpcMutation<{ id: number }>(page.request, "tasks.create", {
      name: unique("摄像头页任务"),
      cameraIds: [cameraId],
      checks: ["too_dark", "blur"],
      schedule: { type: "manual" },
    });
    await trpcMutation(page.request, "tasks.runNow", { id: task.id });
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("latest-result").getByTestId("verdict")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const frame = page.getByTestId("latest-result").getByRole("img", { name: `${name} 的最新画面` });
    await expect(frame).toBeVisible();
    await expect.poll(() => frame.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByTestId("check-table")).toContainText("过暗");
    await expect(page.getByTestId("check-table")).toContainText("meanLuma");
    await expect(page.getByTestId("result-history").getByRole("row")).toHaveCount(2);
    await saveScreenshot(page, "camera-detail");

    await page.getByRole("button", { name: "删除" }).click();
    const dialog = page.getByTestId("delete-camera-dialog");
    await expect(dialog.getByTestId("delete-in-use")).toContainText("1 个任务正在使用此摄像头");
    await dialog.getByRole("button", { name: "删除" }).click();
    await expect(dialog.getByRole("alert")).toContainText(`摄像头 "${name}" 正被任务`);
    await dialog.getByRole("button", { name: "取消" }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    health.expectClean();
  });

  test("the camera form shows inline errors: a bad URL in the browser, a missing path from the server", async ({ page }) => {
    await signIn(page, "operator");
    await addCameraThroughForm(page, unique("坏地址"), "http_snapshot", "not a url");
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await expect(page.getByTestId("error-sourceUri")).toHaveText("HTTP 快照地址必须以 http:// 或 https:// 开头，并包含主机名。");
    await expect(page.getByLabel("视频源地址")).toBeFocused();
    await expect(page.getByLabel("视频源地址")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("视频源地址").fill("http://192.0.2.10/snapshot.jpg");
    await expect(page.getByTestId("error-sourceUri")).toHaveCount(0);

    await page.getByLabel("视频源类型").selectOption("image_folder");
    await page.getByLabel("视频源地址").fill("demo/cameras/no-such-folder");
    await page.getByRole("button", { name: "添加", exact: true }).click();
    // The server's sentence in the reader's language only (issue 13, item 6), no English half.
    await expect(page.getByTestId("error-sourceUri")).toContainText("文件或文件夹不存在");
    await expect(page.getByTestId("error-sourceUri")).not.toContainText("does not exist");
    await expect(page).toHaveURL(/\/cameras\/new$/);
  });

  test("an RTSP camera's transport is chosen in the form (auto by default), shown on its page and changed by editing", async ({ page }) => {
    const health = watchConsole(page);
    await signIn(page, "operator");
    const name = unique("RTSP 摄像头");
    await addCameraThroughForm(page, name, "image_file", FIXTURE_IMAGE);
    // Only an RTSP source has a transport to choose.
    await expect(page.getByLabel("RTSP 传输方式")).toHaveCount(0);
    await page.getByLabel("视频源类型").selectOption("rtsp");
    await page.getByLabel("视频源地址").fill("rtsp://127.0.0.1:8554/live");
    await expect(page.getByLabel("RTSP 传输方式")).toHaveValue("auto");
    await page.getByLabel("RTSP 传输方式").selectOption({ label: "仅 UDP" });
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
    await expect(page.getByTestId("camera-detail")).toContainText("RTSP 传输方式仅 UDP");

    await page.getByRole("link", { name: "编辑" }).click();
    await expect(page.getByLabel("RTSP 传输方式")).toHaveValue("udp");
    await page.getByLabel("RTSP 传输方式").selectOption("tcp");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("camera-detail")).toContainText("RTSP 传输方式仅 TCP");
    health.expectClean();
  });

  test("a camera that is no longer used is deleted after confirming", async ({ page }) => {
    await signIn(page, "operator");
    const name = unique("待删除");
    await addCameraThroughForm(page, name, "image_file", FIXTURE_IMAGE);
    await page.getByRole("button", { name: "添加", exact: true }).click();
    await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

    await page.getByRole("link", { name: "编辑" }).click();
    await page.getByLabel("位置（可选）").fill("新位置");
    await page.getByRole("button", { name: "保存" }).click();
    await expect(page.getByTestId("camera-detail")).toContainText("新位置");

    await page.getByRole("button", { name: "删除" }).click();
    await page.getByTestId("delete-camera-dialog").getByRole("button", { name: "删除" }).click();
    await expect(page).toHaveURL(/\/cameras$/);
    await expect(page.getByTestId("camera-table").getByRole("link", { name })).toHaveCount(0);
  });
});
