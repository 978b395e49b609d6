import { expect, type Page } from "@playwright/test";
import { uniqueName } from "./e2e-db";
import { trpcMutation } from "./trpc-call";

/**
 * A new camera on an image file with a manual task over it, made through the UI's own procedures.
 * `runAndWait` runs the task now and waits until the camera's page shows a result newer than the last.
 */
export async function diagnosedCamera(page: Page, image: string, checks: string[]) {
  const name = uniqueName("诊断摄像头");
  const camera = await trpcMutation<{ id: number }>(page.request, "cameras.create", { name, sourceType: "image_file", sourceUri: image });
  const task = await trpcMutation<{ id: number }>(page.request, "tasks.create", {
    name: uniqueName("诊断任务"),
    cameraIds: [camera.id],
    checks,
    schedule: { type: "manual" },
  });
  let runs = 0;
  const runAndWait = async () => {
    await trpcMutation(page.request, "tasks.runNow", { id: task.id });
    runs++;
    await page.goto(`/cameras/${camera.id}`);
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("result-history").getByRole("row")).toHaveCount(runs + 1, { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
  };
  return { id: camera.id, name, taskId: task.id, runAndWait };
}
