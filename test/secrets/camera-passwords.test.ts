import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createCamera } from "@/server/cameras/create-camera";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";
import { getDb } from "@/server/db/client";
import { rotateSecretsKey } from "@/server/secrets/rotate-secrets-key";
import { sealPlaintextCameraPasswords } from "@/server/secrets/seal-camera-passwords";
import { openSecret, sealSecret } from "@/server/secrets/seal-secret";
import { secretsKeyring, toSecretsKey } from "@/server/secrets/secrets-keyring";
import { fixtureImage } from "../cameras/camera-fixtures";
import { uniqueName } from "../support/unique";

const JPEG = fs.readFileSync(fixtureImage("aero1-normal-0.jpg"));
/** A snapshot camera that answers only with the right password. */
const PASSWORD = "s3cret:pass-word";
const camera = http.createServer((req, res) => {
  if (req.headers.authorization !== `Basic ${Buffer.from(`viewer:${PASSWORD}`).toString("base64")}`) return res.writeHead(401).end();
  res.writeHead(200, { "content-type": "image/jpeg" }).end(JPEG);
});
const cameraUrl = new Promise<string>((resolve) =>
  camera.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(camera.address() as AddressInfo).port}/snap.jpg`)),
);
afterAll(() => camera.close());

const storedPassword = async (id: number) =>
  (await (await getDb()).$queryRaw<Array<{ source_password: string | null }>>`SELECT source_password FROM cameras WHERE id = ${id}`)[0]
    .source_password;
const passwordCamera = async () =>
  createCamera({
    name: uniqueName("cam"),
    sourceType: "http_snapshot",
    sourceUri: await cameraUrl,
    sourceUsername: "viewer",
    sourcePassword: PASSWORD,
  });

describe("camera passwords at rest", () => {
  it("secrets: the stored password is AES-GCM sealed, not the plaintext, and the grab still authenticates", async () => {
    const created = await passwordCamera();
    const stored = await storedPassword(created.id);
    expect(stored).toMatch(/^v1:[0-9a-f]{8}:/);
    expect(stored).not.toContain(PASSWORD);
    expect(Buffer.from(stored!.split(":")[2], "base64url").toString("latin1")).not.toContain("pass-word");
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
    // Two seals of one password differ (random IV), and a tampered value does not open.
    expect(sealSecret(PASSWORD)).not.toBe(sealSecret(PASSWORD));
    const tampered = stored!.slice(0, -2) + (stored!.endsWith("A") ? "BB" : "AA");
    expect(() => openSecret(tampered)).toThrow();
  });

  it("secrets: a password stored in plaintext by an older version is sealed at start and still works", async () => {
    const created = await passwordCamera();
    await (
      await getDb()
    ).$executeRaw`UPDATE cameras SET source_password = ${PASSWORD} WHERE id = ${created.id}`;
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
    expect(await sealPlaintextCameraPasswords(await getDb())).toBeGreaterThanOrEqual(1);
    expect(await storedPassword(created.id)).toMatch(/^v1:/);
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
    expect(await sealPlaintextCameraPasswords(await getDb())).toBe(0);
  });

  it("secrets: an update that changes other fields keeps the sealed password working", async () => {
    const created = await passwordCamera();
    await updateCamera({ id: created.id, location: "Gate", sourceUri: await cameraUrl });
    expect(openSecret((await storedPassword(created.id))!)).toBe(PASSWORD);
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
  });

  it("secrets: rotate seals every password with a new key in one go; values sealed with the old key still open meanwhile", async () => {
    const created = await passwordCamera();
    const oldKey = secretsKeyring({ reload: true }).current;
    const sealedWithOld = sealSecret("made before the rotation", oldKey);
    const result = await rotateSecretsKey();
    expect(result).toMatchObject({ source: "file" });
    expect(result.keyId).not.toBe(oldKey.id);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const stored = (await storedPassword(created.id))!;
    expect(stored.startsWith(`v1:${result.keyId}:`)).toBe(true);
    expect(openSecret(sealedWithOld)).toBe("made before the rotation");
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
    // No row is left under the old key.
    const rows = await (
      await getDb()
    ).$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM cameras WHERE source_password LIKE ${`v1:${oldKey.id}:%`}`;
    expect(Number(rows[0].n)).toBe(0);
    expect(toSecretsKey(oldKey.key).id).toBe(oldKey.id);
  });

  it("secrets: `easysight secrets rotate` re-seals the passwords and prints the new key's id, never a key or a password", async () => {
    const created = await passwordCamera();
    const before = (await storedPassword(created.id))!;
    const { stdout } = await promisify(execFile)(process.execPath, ["bin/easysight.mjs", "secrets", "rotate", "--json"], {
      env: process.env,
    });
    const printed = JSON.parse(stdout);
    expect(printed).toMatchObject({ source: "file", keyId: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(Object.keys(printed).sort()).toEqual(["keyId", "resealed", "source"]);
    const after = (await storedPassword(created.id))!;
    expect(after).not.toBe(before);
    expect(after.startsWith(`v1:${printed.keyId}:`)).toBe(true);
    expect(await testCameraSource(created.id)).toMatchObject({ ok: true });
  });
});
