import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { Actor, Role } from "@/shared/actor";
import { createCaller } from "@/server/trpc/root";
import { createCamera, createTask, FIXTURE_IMAGE } from "../support/fixtures";

const as = (role: Role) => createCaller({ actor: { type: "user", userId: 1, username: `someone-${role}`, role } satisfies Actor });

describe("camera console procedures", () => {
  it("the source test answers with the frame's size and a small JPEG preview of it", async () => {
    const camera = await createCamera({ sourceType: "image_file", sourceUri: FIXTURE_IMAGE });
    const result = await as("operator").cameras.test({ id: camera.id });
    expect(result).toMatchObject({ ok: true, error: null });
    expect(result.preview).toMatch(/^data:image\/jpeg;base64,/);
    const preview = await sharp(Buffer.from(result.preview!.split(",")[1], "base64")).metadata();
    expect(preview.format).toBe("jpeg");
    expect(preview.width).toBe(Math.min(320, result.width!));
  });

  it("a viewer reads cameras, their tasks and results, but may not grab a frame", async () => {
    const camera = await createCamera();
    const task = await createTask({ cameraIds: [camera.id] });
    const viewer = as("viewer");
    await expect(viewer.cameras.overview({ q: camera.name })).resolves.toMatchObject({
      total: 1,
      items: [{ id: camera.id, latest: null }],
    });
    await expect(viewer.cameras.tasks({ id: camera.id })).resolves.toEqual([{ id: task.id, name: task.name }]);
    await expect(viewer.cameras.results({ cameraId: camera.id })).resolves.toMatchObject({ total: 0, items: [] });
    await expect(viewer.cameras.test({ id: camera.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("executors and the users list: any role may see executors, only admins see users", async () => {
    await expect(as("viewer").executors.list({})).resolves.toMatchObject({ items: expect.any(Array) });
    await expect(as("operator").users.create({ username: "nobody-here", role: "admin" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
