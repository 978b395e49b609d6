import { expect, test } from "@playwright/test";
import { diagnosedCamera } from "./support/diagnosed-camera";
import { saveScreenshot, watchConsole } from "./support/page-health";
import { signIn } from "./support/session";

const IMAGES = "test/fixtures/vqd-public/images";

test.describe("findings", () => {
  test("each finding shows its severity: a lost signal is critical (red, 严重) on the camera page and in the camera list", async ({
    page,
  }) => {
    const health = watchConsole(page);
    await signIn(page, "operator", "/cameras");
    const camera = await diagnosedCamera(page, `${IMAGES}/aero1-signal_loss-9.jpg`, ["signal_loss", "too_dark"]);
    await camera.runAndWait();

    const finding = page.getByTestId("latest-result").getByTestId("finding");
    await expect(finding).toHaveText("信号丢失 · 严重");
    await expect(finding).toHaveAttribute("data-severity", "critical");
    await expect(finding).toHaveClass(/badge-danger/);
    await saveScreenshot(page, "finding-severity");

    await page.goto(`/cameras?q=${encodeURIComponent(camera.name)}`);
    await expect(page.getByTestId("camera-table").getByTestId("finding")).toHaveText("信号丢失 · 严重");
    health.expectClean();
  });

  test("an operator acknowledges a finding with a note: it moves from open to acknowledged, in the list too, and a viewer sees who took it on", async ({
    page,
    browser,
  }) => {
    const health = watchConsole(page);
    await signIn(page, "operator", "/cameras");
    const camera = await diagnosedCamera(page, `${IMAGES}/aero1-signal_loss-9.jpg`, ["signal_loss"]);
    await camera.runAndWait();

    const section = page.getByTestId("finding-acknowledgements");
    await expect(section.getByTestId("findings-open")).toContainText("待处理 (1)");
    await expect(section.getByTestId("findings-open").getByTestId("finding")).toHaveText("信号丢失 · 严重");
    await section.getByLabel("备注（可选）").fill("线路检修中");
    await section.getByRole("button", { name: "确认异常" }).click();

    await expect(section.getByTestId("findings-open")).toContainText("待处理 (0)");
    const taken = section.getByTestId("findings-acknowledged");
    await expect(taken).toContainText("已确认 (1)");
    await expect(taken).toContainText("信号丢失");
    await expect(taken).toContainText("e2e-operator 确认于");
    await expect(taken).toContainText("线路检修中");
    await expect(page.getByTestId("camera-audit")).toContainText("确认异常: 信号丢失");
    await saveScreenshot(page, "finding-acknowledged");

    await page.goto(`/cameras?q=${encodeURIComponent(camera.name)}`);
    const row = page.getByTestId("camera-table");
    await expect(row.getByTestId("finding-acknowledged")).toHaveText("信号丢失 · 严重 · 已确认");
    await expect(row.getByTestId("finding")).toHaveCount(0);
    health.expectClean();

    const viewerPage = await (await browser.newContext()).newPage();
    await signIn(viewerPage, "viewer", `/cameras/${camera.id}`);
    await expect(viewerPage.getByTestId("findings-acknowledged")).toContainText("线路检修中");
  });
});

test("an operator sets a flagged frame as the camera's reference: the next run no longer reports it; clearing brings it back", async ({
  page,
}) => {
  const health = watchConsole(page);
  await signIn(page, "operator", "/cameras");
  const camera = await diagnosedCamera(page, "test/fixtures/vqd-public/images/aero1-color_cast-5.jpg", ["color_cast", "too_dark"]);
  await camera.runAndWait();
  await expect(page.getByTestId("latest-result").getByTestId("finding")).toContainText("偏色");

  const panel = page.getByTestId("camera-reference");
  await expect(panel.getByTestId("reference-none")).toBeVisible();
  await panel.getByRole("button", { name: "设为基准画面" }).click();
  await expect(panel.getByTestId("reference-set")).toContainText("e2e-operator 设置于");
  await expect(panel.getByRole("img", { name: "基准画面" })).toBeVisible();
  await expect(page.getByTestId("camera-audit")).toContainText("设为基准画面");

  await camera.runAndWait();
  await expect(page.getByTestId("latest-result").getByTestId("verdict")).toHaveText("正常");
  await saveScreenshot(page, "camera-reference");

  await page.getByTestId("camera-reference").getByRole("button", { name: "清除基准画面" }).click();
  await expect(page.getByTestId("camera-reference").getByTestId("reference-none")).toBeVisible();
  await camera.runAndWait();
  await expect(page.getByTestId("latest-result").getByTestId("finding")).toContainText("偏色");
  health.expectClean();
});
