import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { DELETE as clearRoute, GET as readRoute, POST as setRoute } from "@/app/api/cameras/[id]/reference/route";
import { GET as thumbnailRoute } from "@/app/api/cameras/[id]/reference/thumbnail/route";
import { getDb } from "@/server/db/client";
import type { AuditActor } from "@/server/findings/audit-actor";
import { listCameraAudit } from "@/server/findings/camera-audit";
import {
  clearCameraReference,
  getCameraReference,
  getReferenceThumbnail,
  loadFrameReference,
  setCameraReference,
} from "@/server/findings/camera-reference";
import { createCaller } from "@/server/trpc/root";
import type { Actor, Role } from "@/shared/actor";
import { createUser } from "@/server/users/users";
import { addResult } from "../results/result-fixtures";
import { call, tokenFor } from "../support/api-client";
import { createCamera } from "../support/fixtures";
import { uniqueName } from "../support/unique";

const operator: AuditActor = { type: "user", userId: null, tokenId: null, label: "op-ref" };
const as = (role: Role) => createCaller({ actor: { type: "user", userId: 1, username: `someone-${role}`, role } satisfies Actor });
const run = promisify(execFile);

/** A camera with one analysed frame (a colour cast, its thumbnail and the fingerprint stored with it). */
async function cameraWithFrame() {
  const db = await getDb();
  const camera = await createCamera();
  const result = await addResult(camera.id, { findings: ["color_cast"], scores: { color_cast: 0.8, blur: 0.1 }, minutesAgo: 5 });
  await db.diagnosisResult.update({ where: { id: result.id }, data: { thumbnail: Buffer.from("thumbnail of the taught frame") } });
  const at = (minutes: number) => new Date(result.createdAt.getTime() + minutes * 60_000);
  // The grab's fingerprint is stored moments before its result; a later grab's must not be taken.
  await db.cameraFingerprint.createMany({
    data: [
      { cameraId: camera.id, capturedAt: at(-0.1), fingerprint: Buffer.from("taught") },
      { cameraId: camera.id, capturedAt: at(3), fingerprint: Buffer.from("a later grab") },
    ],
  });
  return { camera, result };
}

describe("a camera's reference (设为基准画面)", () => {
  it("set: the newest analysed frame's checks, fingerprint and thumbnail become the camera's normal, with who and when, audited", async () => {
    const { camera, result } = await cameraWithFrame();
    // A failed grab after the frame is not a frame to learn from.
    await addResult(camera.id, { verdict: "error", findings: ["offline"], minutesAgo: 1 });
    const before = Date.now();
    const view = await setCameraReference(camera.id, operator);
    expect(view).toEqual({ setAt: expect.any(Date), setBy: "op-ref", resultId: result.id.toString(), hasThumbnail: true });
    expect(view.setAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(view.setAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await getCameraReference(camera.id)).toEqual(view);

    const taught = await loadFrameReference(camera.id);
    expect(taught?.checks).toEqual(result.checks);
    expect(taught?.fingerprint?.toString()).toBe("taught");
    expect((await getReferenceThumbnail(camera.id)).toString()).toBe("thumbnail of the taught frame");
    expect(await listCameraAudit(camera.id)).toMatchObject([{ action: "set_reference", actorLabel: "op-ref", codes: [], note: null }]);
  });

  it("clear: every check judges the camera absolutely again; the thumbnail is gone; audited after the set", async () => {
    const { camera } = await cameraWithFrame();
    await setCameraReference(camera.id, operator);
    await clearCameraReference(camera.id, { ...operator, label: "op-clear" });
    expect(await getCameraReference(camera.id)).toBeNull();
    expect(await loadFrameReference(camera.id)).toBeUndefined();
    await expect(getReferenceThumbnail(camera.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listCameraAudit(camera.id)).map((a) => [a.action, a.actorLabel])).toEqual([
      ["clear_reference", "op-clear"],
      ["set_reference", "op-ref"],
    ]);
  });

  it("a camera without an analysed frame gets a clear 409 and nothing is stored or audited; an unknown camera is 404", async () => {
    const camera = await createCamera();
    await addResult(camera.id, { verdict: "error", findings: ["offline"] });
    await expect(setCameraReference(camera.id, operator)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/还没有诊断过的画面.*\(camera ".+" has no analysed frame yet to take as its reference\)/),
    });
    expect(await getCameraReference(camera.id)).toBeNull();
    expect(await listCameraAudit(camera.id)).toEqual([]);
    await expect(setCameraReference(2147483000, operator)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(clearCameraReference(2147483000, operator)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("REST: anyone reads it, operators set and clear it, viewers 403; bad ids 400; no frame 409; the audit names the token", async () => {
    const { camera } = await cameraWithFrame();
    const bare = await createCamera();
    const [viewer, op] = [await tokenFor("viewer"), await tokenFor("operator")];
    const path = (id: string | number) => `/api/cameras/${id}/reference`;
    const send = (handler: typeof setRoute, method: string, token: string, id: string | number) =>
      call(handler, path(id), { method, token, params: { id: String(id) } });

    expect((await send(setRoute, "POST", viewer.token, camera.id)).status).toBe(403);
    expect((await send(clearRoute, "DELETE", viewer.token, camera.id)).status).toBe(403);
    expect((await send(readRoute, "GET", viewer.token, camera.id)).body).toEqual({ camera_id: camera.id, reference: null });
    for (const bad of ["abc", "0", "-3", "1.5", "99999999999"]) {
      const res = await send(setRoute, "POST", op.token, bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.message, bad).toMatch(/[\u4e00-\u9fff].*\(.+\)/);
    }
    expect((await send(setRoute, "POST", op.token, 2147483000)).status).toBe(404);
    expect((await send(setRoute, "POST", op.token, bare.id)).status).toBe(409);

    const set = await send(setRoute, "POST", op.token, camera.id);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({
      camera_id: camera.id,
      reference: {
        set_at: expect.any(String),
        set_by: expect.stringContaining(op.username),
        result_id: expect.any(String),
        thumbnail_url: `/api/cameras/${camera.id}/reference/thumbnail`,
      },
    });
    expect((await send(readRoute, "GET", viewer.token, camera.id)).body).toEqual(set.body);
    const thumbnail = await call(thumbnailRoute, `${path(camera.id)}/thumbnail`, {
      token: viewer.token,
      params: { id: String(camera.id) },
    });
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.body).toBe("thumbnail of the taught frame");

    const cleared = await send(clearRoute, "DELETE", op.token, camera.id);
    expect(cleared).toMatchObject({ status: 200, body: { camera_id: camera.id, reference: null } });
    const db = await getDb();
    expect(await db.cameraAudit.count({ where: { cameraId: camera.id, actorType: "token" } })).toBe(2);
  });

  it("tRPC: a viewer reads the reference but may not set or clear it; an operator may; a bad id is BAD_REQUEST", async () => {
    const { camera } = await cameraWithFrame();
    await expect(as("viewer").cameras.setReference({ id: camera.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("viewer").cameras.clearReference({ id: camera.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as("operator").cameras.setReference({ id: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as("operator").cameras.setReference({ id: camera.id })).resolves.toMatchObject({ setBy: "someone-operator" });
    await expect(as("viewer").cameras.reference({ id: camera.id })).resolves.toMatchObject({ setBy: "someone-operator" });
    await as("admin").cameras.clearReference({ id: camera.id });
    await expect(as("viewer").cameras.reference({ id: camera.id })).resolves.toBeNull();
    expect((await as("viewer").cameras.audit({ id: camera.id })).map((a) => a.action)).toEqual(["clear_reference", "set_reference"]);
  });

  it("CLI: `camera set-reference` and `clear-reference` act as the named user and are audited as the CLI; a bad id fails with a sentence", async () => {
    const { camera } = await cameraWithFrame();
    const username = uniqueName("cli-op");
    await createUser({ username, password: "long-enough-password", role: "operator" });
    const cli = (...args: string[]) => run(process.execPath, ["bin/easysight.mjs", "camera", ...args], { env: process.env });

    const set = await cli("set-reference", String(camera.id), "--as", username);
    expect(set.stdout).toContain(`reference of camera ${camera.id} set`);
    expect(await getCameraReference(camera.id)).toMatchObject({ setBy: `${username} (cli)` });
    await cli("clear-reference", String(camera.id), "--as", username);
    expect(await getCameraReference(camera.id)).toBeNull();
    expect((await listCameraAudit(camera.id)).map((a) => [a.action, a.actorLabel])).toEqual([
      ["clear_reference", `${username} (cli)`],
      ["set_reference", `${username} (cli)`],
    ]);

    const bad = await cli("set-reference", "abc", "--as", username).catch((e) => e);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^error: .+\(.+\)/m);
    const bare = await createCamera();
    const none = await cli("set-reference", String(bare.id), "--as", username).catch((e) => e);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/has no analysed frame yet/);
  });
});
