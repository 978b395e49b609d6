import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { listCameraOverview } from "@/server/cameras/camera-overview";
import { listCameraResults } from "@/server/results/camera-results";
import { latestResultsByCamera } from "@/server/results/latest-results";
import { getResultThumbnail } from "@/server/results/result-thumbnail";
import { GET as thumbnailRoute } from "@/app/api/results/[id]/thumbnail/route";
import { call, tokenFor } from "../support/api-client";
import { createCamera, createTask } from "../support/fixtures";

const jpeg = () =>
  sharp({ create: { width: 16, height: 9, channels: 3, background: "#336699" } })
    .jpeg()
    .toBuffer();

/** A finished run of the task with one result of the camera per entry, each backdated by `minutesAgo`. */
async function addResults(
  taskId: number,
  cameraId: number,
  results: Array<{ minutesAgo: number; verdict: string; findings?: string[]; image?: Buffer; error?: string }>,
) {
  const db = await getDb();
  const attempt = (await db.taskRun.count({ where: { taskId } })) + 1;
  const run = await db.taskRun.create({ data: { taskId, attempt, outcome: "completed", finishedAt: new Date() } });
  const rows = [];
  for (const r of results) {
    rows.push(
      await db.diagnosisResult.create({
        data: {
          taskId,
          runId: run.id,
          cameraId,
          attempt,
          verdict: r.verdict,
          findings: r.findings ?? [],
          error: r.error ?? null,
          createdAt: new Date(Date.now() - r.minutesAgo * 60_000),
          thumbnail: r.image ? new Uint8Array(r.image) : null,
          frameWidth: r.image ? 16 : null,
          frameHeight: r.image ? 9 : null,
          checks: {
            too_dark: {
              code: "too_dark",
              abnormal: (r.findings ?? []).includes("too_dark"),
              score: 0.82,
              metrics: { meanLuma: 21.5, brightLuma: 60 },
            },
          },
        },
      }),
    );
  }
  return rows;
}

describe("camera results", () => {
  it("latest result per camera: the newest row of each camera, and cameras without results are absent", async () => {
    const [busy, quiet] = [await createCamera(), await createCamera()];
    const task = await createTask({ cameraIds: [busy.id, quiet.id] });
    const [, newest] = await addResults(task.id, busy.id, [
      { minutesAgo: 30, verdict: "ok" },
      { minutesAgo: 5, verdict: "abnormal", findings: ["too_dark"], image: await jpeg() },
      { minutesAgo: 60, verdict: "error", findings: ["offline"], error: "Image folder x does not exist." },
    ]);

    const latest = await latestResultsByCamera([busy.id, quiet.id]);

    expect(latest.get(busy.id)).toMatchObject({
      id: newest.id.toString(),
      verdict: "abnormal",
      findings: ["too_dark"],
      hasThumbnail: true,
      taskId: task.id,
    });
    expect(latest.has(quiet.id)).toBe(false);
  });

  it("history: newest first, paged, with the task's name, the checks' metric values and whether an image exists", async () => {
    const camera = await createCamera();
    const task = await createTask({ cameraIds: [camera.id] });
    await addResults(task.id, camera.id, [
      { minutesAgo: 3, verdict: "ok", image: await jpeg() },
      { minutesAgo: 2, verdict: "abnormal", findings: ["too_dark"] },
      { minutesAgo: 1, verdict: "error", findings: ["offline"], error: "HTTP snapshot timed out after 1000 ms." },
    ]);

    const first = await listCameraResults({ cameraId: camera.id, pageSize: 2 });
    const second = await listCameraResults({ cameraId: camera.id, page: 2, pageSize: 2 });

    expect(first.total).toBe(3);
    expect(first.items.map((r) => r.verdict)).toEqual(["error", "abnormal"]);
    expect(first.items[0]).toMatchObject({ taskName: task.name, error: "HTTP snapshot timed out after 1000 ms.", hasThumbnail: false });
    expect(first.items[1].checks).toEqual([{ code: "too_dark", abnormal: true, score: 0.82, metrics: { meanLuma: 21.5, brightLuma: 60 } }]);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({ verdict: "ok", hasThumbnail: true, frameWidth: 16, frameHeight: 9 });
  });

  it("history of a camera that does not exist is NOT_FOUND", async () => {
    await expect(listCameraResults({ cameraId: 2_000_000_002 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("thumbnail: the stored JPEG; a result without an image or an unknown id is NOT_FOUND with a sentence", async () => {
    const camera = await createCamera();
    const task = await createTask({ cameraIds: [camera.id] });
    const image = await jpeg();
    const [withImage, without] = await addResults(task.id, camera.id, [
      { minutesAgo: 2, verdict: "ok", image },
      { minutesAgo: 1, verdict: "error", findings: ["offline"] },
    ]);

    expect(Buffer.compare(await getResultThumbnail(withImage.id.toString()), image)).toBe(0);
    await expect(getResultThumbnail(without.id.toString())).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("has no image"),
    });
    await expect(getResultThumbnail("999999999999")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getResultThumbnail("1; DROP TABLE x")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("overview: each camera with the tasks that use it and its newest result, never its credentials", async () => {
    const camera = await createCamera({
      sourceType: "http_snapshot",
      sourceUri: "http://127.0.0.1:9/snap.jpg",
      sourceUsername: "cam-user",
      sourcePassword: "cam-secret",
    });
    const [a, b] = [await createTask({ cameraIds: [camera.id] }), await createTask({ cameraIds: [camera.id] })];
    await addResults(a.id, camera.id, [{ minutesAgo: 1, verdict: "abnormal", findings: ["blur"] }]);

    const page = await listCameraOverview({ q: camera.name });

    expect(page.items).toHaveLength(1);
    const [item] = page.items;
    expect(item.tasks.map((t) => t.id).sort()).toEqual([a.id, b.id].sort());
    expect(item).toMatchObject({ hasCredentials: true, taskCount: 2, latest: { verdict: "abnormal", findings: ["blur"], taskId: a.id } });
    expect(JSON.stringify(page)).not.toContain("cam-secret");
    expect(JSON.stringify(page)).not.toContain("cam-user");
  });

  it("GET /api/results/{id}/thumbnail: the JPEG for any signed-in role, 401 without credentials, 404 with a sentence without an image", async () => {
    const camera = await createCamera();
    const task = await createTask({ cameraIds: [camera.id] });
    const [withImage, without] = await addResults(task.id, camera.id, [
      { minutesAgo: 2, verdict: "ok", image: await jpeg() },
      { minutesAgo: 1, verdict: "error" },
    ]);
    const viewer = await tokenFor("viewer");
    const url = (id: bigint) => `/api/results/${id}/thumbnail`;

    const ok = await call(thumbnailRoute, url(withImage.id), { token: viewer.token, params: { id: withImage.id.toString() } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/jpeg");
    expect(ok.headers.get("cache-control")).toContain("private");

    const anonymous = await call(thumbnailRoute, url(withImage.id), { params: { id: withImage.id.toString() } });
    expect(anonymous.status).toBe(401);
    const missing = await call(thumbnailRoute, url(without.id), { token: viewer.token, params: { id: without.id.toString() } });
    expect(missing).toMatchObject({ status: 404, body: { error: "not_found", message: expect.stringContaining("has no image") } });
  });
});
