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
});
