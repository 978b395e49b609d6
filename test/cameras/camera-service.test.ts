import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { Actor, Role } from "@/shared/actor";
import { createCamera } from "@/server/cameras/create-camera";
import { deleteCamera } from "@/server/cameras/delete-camera";
import { getCamera } from "@/server/cameras/get-camera";
import { listCameras } from "@/server/cameras/list-cameras";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";
import { getDb } from "@/server/db/client";
import { openSecret } from "@/server/secrets/seal-secret";
import { createCaller } from "@/server/trpc/root";
import { uniqueName } from "../support/unique";
import { fixtureImage, FIXTURE_IMAGES } from "./camera-fixtures";

const as = (role: Role) => createCaller({ actor: { type: "user", userId: 1, username: `someone-${role}`, role } satisfies Actor });
const storedRow = async (id: number) => (await getDb()).camera.findUniqueOrThrow({ where: { id } });
const httpCamera = (extra: Record<string, unknown> = {}) =>
  createCamera({ name: uniqueName("cam"), sourceType: "http_snapshot", sourceUri: "http://192.0.2.10/snapshot.jpg", ...extra });

const snapshotServer = http.createServer((_req, res) =>
  res.writeHead(200, { "content-type": "image/jpeg" }).end(fs.readFileSync(fixtureImage("aero1-normal-0.jpg"))),
);
const snapshotUrl = new Promise<string>((resolve) =>
  snapshotServer.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(snapshotServer.address() as AddressInfo).port}/snap.jpg`)),
);
afterAll(() => snapshotServer.close());

describe("camera services", () => {
  it("a camera view never contains the password, only whether there are credentials", async () => {
    const created = await httpCamera({ sourceUsername: "cam-user-7", sourcePassword: "hunter2-secret" });
    const listed = await listCameras({ q: created.name });
    const views = [created, await getCamera(created.id), listed.items[0], await as("viewer").cameras.byId({ id: created.id })];
    for (const view of views) {
      expect(view).toMatchObject({ id: created.id, hasCredentials: true });
      expect(JSON.stringify(view)).not.toMatch(/hunter2|cam-user-7|sourcePassword|sourceUsername/);
    }
    const stored = (await storedRow(created.id)).sourcePassword!;
    expect(stored).toMatch(/^v1:/);
    expect(openSecret(stored)).toBe("hunter2-secret");
  });

  it("a URL with embedded credentials is stored without them, in the credential fields instead", async () => {
    const created = await createCamera({
      name: uniqueName("cam"),
      sourceType: "rtsp",
      sourceUri: "rtsp://ops%40site:p%3Ass@10.0.0.7:554/Streaming/101",
    });
    expect(created).toMatchObject({ sourceUri: "rtsp://10.0.0.7:554/Streaming/101", hasCredentials: true });
    const stored = await storedRow(created.id);
    expect(stored).toMatchObject({ sourceUri: "rtsp://10.0.0.7:554/Streaming/101", sourceUsername: "ops@site" });
    expect(openSecret(stored.sourcePassword!)).toBe("p:ss");
  });

  it("an update that leaves the password out keeps it; switching to a file source drops it", async () => {
    const created = await httpCamera({ sourceUsername: "admin", sourcePassword: "keep-me" });
    await updateCamera({ id: created.id, sourceUri: "http://192.0.2.11/snap.jpg", location: "Gate" });
    const kept = await storedRow(created.id);
    expect(kept).toMatchObject({ sourceUri: "http://192.0.2.11/snap.jpg", location: "Gate" });
    expect(openSecret(kept.sourcePassword!)).toBe("keep-me");
    const updated = await updateCamera({ id: created.id, sourceType: "image_folder", sourceUri: FIXTURE_IMAGES });
    expect(updated.hasCredentials).toBe(false);
    expect(await storedRow(created.id)).toMatchObject({ sourceUsername: null, sourcePassword: null });
  });

  it("invalid sources are refused with a sentence saying what is expected", async () => {
    const name = uniqueName("cam");
    await expect(createCamera({ name, sourceType: "image_folder", sourceUri: fixtureImage("aero1-normal-0.jpg") })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "该路径不是文件夹 (The path is not a folder).",
    });
    await expect(createCamera({ name, sourceType: "http_snapshot", sourceUri: "rtsp://cam/live" })).rejects.toThrow(
      "http_snapshot 类型的视频源必须是 http:// 或 https:// 地址 (an http_snapshot source must be an http:// or https:// URL).",
    );
    await expect(createCamera({ name, sourceType: "rtsp", sourceUri: "http://cam/live" })).rejects.toThrow(
      "rtsp 类型的视频源必须是 rtsp:// 或 rtsps:// 地址 (an rtsp source must be an rtsp:// or rtsps:// URL).",
    );
    await expect(createCamera({ name, sourceType: "image_file", sourceUri: "test/fixtures/no/such/file.jpg" })).rejects.toThrow(
      "文件或文件夹不存在 (The file or folder does not exist).",
    );
    await expect(
      as("operator").cameras.create({ name, sourceType: "http_snapshot", sourceUri: "http://cam/x", grabTimeoutMs: 100 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "grabTimeoutMs: 取帧超时为 500 到 120000 毫秒 (the grab timeout is between 500 and 120000 ms).",
    });
  });

  it("an RTSP camera's transport is auto unless set; tcp and udp can be chosen and changed; anything else is a 400 naming the choices", async () => {
    const op = as("operator");
    const rtsp = { sourceType: "rtsp" as const, sourceUri: "rtsp://127.0.0.1:8554/live" };
    const plain = await op.cameras.create({ name: uniqueName("cam"), ...rtsp });
    expect(plain.rtspTransport).toBe("auto");
    const udp = await op.cameras.create({ name: uniqueName("cam"), ...rtsp, rtspTransport: "udp" });
    expect((await storedRow(udp.id)).rtspTransport).toBe("udp");
    expect((await op.cameras.update({ id: udp.id, rtspTransport: "tcp" })).rtspTransport).toBe("tcp");
    // An update that leaves the transport out keeps it.
    expect((await op.cameras.update({ id: udp.id, name: uniqueName("cam") })).rtspTransport).toBe("tcp");
    const refused = {
      code: "BAD_REQUEST",
      message: "rtspTransport: RTSP 传输方式只能是 auto、tcp、udp (the RTSP transport is one of: auto, tcp, udp).",
    };
    await expect(op.cameras.create({ name: uniqueName("cam"), ...rtsp, rtspTransport: "quic" as never })).rejects.toMatchObject(refused);
    await expect(op.cameras.update({ id: udp.id, rtspTransport: "TCP" as never })).rejects.toMatchObject(refused);
    expect((await storedRow(udp.id)).rtspTransport).toBe("tcp");
  });

  it("a second camera with the same name is a CONFLICT", async () => {
    const created = await httpCamera();
    await expect(httpCamera({ name: created.name })).rejects.toMatchObject({
      code: "CONFLICT",
      message: `名为 "${created.name}" 的摄像头已存在 (a camera named "${created.name}" already exists).`,
    });
  });

  it("deleting a camera used by a task is refused, naming the task; an unused one is deleted", async () => {
    const used = await httpCamera();
    const taskName = uniqueName("task");
    const db = await getDb();
    const task = await db.diagnosisTask.create({
      data: { name: taskName, checks: ["blur"], cameras: { create: [{ cameraId: used.id }] } },
    });
    expect((await getCamera(used.id)).taskCount).toBe(1);
    await expect(deleteCamera(used.id)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`"${taskName}" (#${task.id})`),
    });
    expect(await db.camera.count({ where: { id: used.id } })).toBe(1);

    const unused = await httpCamera();
    await as("operator").cameras.delete({ id: unused.id });
    await expect(getCamera(unused.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a viewer can list cameras but not change them", async () => {
    const created = await httpCamera();
    expect((await as("viewer").cameras.list({ q: created.name })).items.map((c) => c.id)).toEqual([created.id]);
    await expect(as("viewer").cameras.delete({ id: created.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("testing a camera grabs a frame now and reports its size, or why there is none", async () => {
    const working = await createCamera({ name: uniqueName("cam"), sourceType: "http_snapshot", sourceUri: await snapshotUrl });
    expect(await testCameraSource(working.id)).toMatchObject({ ok: true, width: 640, height: 480, error: null });
    const dead = await createCamera({
      name: uniqueName("cam"),
      sourceType: "http_snapshot",
      sourceUri: (await snapshotUrl).replace(/:\d+\//, ":1/"),
      grabTimeoutMs: 1_000,
    });
    expect(await testCameraSource(dead.id)).toMatchObject({
      ok: false,
      code: "refused",
      error: "The connection was refused: nothing listens on that port.",
    });
  });
});
