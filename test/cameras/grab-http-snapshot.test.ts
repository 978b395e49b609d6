import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grabFrame } from "@/server/cameras/grab-frame";
import { fixtureImage, memoryCamera } from "./camera-fixtures";

const JPEG = fs.readFileSync(fixtureImage("aero1-normal-0.jpg"));
const AUTH = `Basic ${Buffer.from("viewer:pa55:word").toString("base64")}`;
/** Authorization headers the other origin received (a redirect target must never get the camera's). */
const seenElsewhere: Array<string | undefined> = [];

const camera = http.createServer((req, res) => {
  if (req.url === "/snapshot.jpg") {
    if (req.headers.authorization !== AUTH) return res.writeHead(401, { "www-authenticate": 'Basic realm="cam"' }).end();
    return res.writeHead(200, { "content-type": "image/jpeg" }).end(JPEG);
  }
  if (req.url === "/never") return; // accepts the request and never answers
  if (req.url === "/broken") return res.writeHead(500).end("internal error");
  if (req.url === "/login") return res.writeHead(200, { "content-type": "text/html" }).end("<html>sign in</html>");
  if (req.url === "/moved") return res.writeHead(302, { location: "/snapshot.jpg" }).end();
  if (req.url === "/away") return res.writeHead(302, { location: `${elsewhereUrl}/snapshot.jpg` }).end();
  if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
  res.writeHead(404).end();
});
const elsewhere = http.createServer((req, res) => {
  seenElsewhere.push(req.headers.authorization);
  res.writeHead(200, { "content-type": "image/jpeg" }).end(JPEG);
});
let cameraUrl = "";
let elsewhereUrl = "";

const listen = (server: http.Server) =>
  new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
beforeAll(async () => {
  cameraUrl = await listen(camera);
  elsewhereUrl = await listen(elsewhere);
});
afterAll(() => {
  for (const server of [camera, elsewhere]) {
    server.closeAllConnections();
    server.close();
  }
});

const snapshotCamera = (pathname: string, extra: { grabTimeoutMs?: number; withCredentials?: boolean } = {}) =>
  memoryCamera({
    sourceType: "http_snapshot",
    sourceUri: `${cameraUrl}${pathname}`,
    grabTimeoutMs: extra.grabTimeoutMs ?? 5_000,
    ...(extra.withCredentials === false ? {} : { sourceUsername: "viewer", sourcePassword: "pa55:word" }),
  });

describe("grabbing HTTP snapshots", () => {
  it("returns the image the camera sends, with basic auth", async () => {
    const frame = await grabFrame(snapshotCamera("/snapshot.jpg"));
    expect(frame.image.equals(JPEG)).toBe(true);
  });

  it("without credentials the camera's 401 is auth_failed, pointing at the username and password", async () => {
    await expect(grabFrame(snapshotCamera("/snapshot.jpg", { withCredentials: false }))).rejects.toMatchObject({
      code: "auth_failed",
      message: expect.stringContaining("username or password"),
    });
  });

  it("an endpoint that never answers times out within the camera's timeout", async () => {
    const started = Date.now();
    await expect(grabFrame(snapshotCamera("/never", { grabTimeoutMs: 300 }))).rejects.toMatchObject({
      code: "timeout",
      params: { seconds: 0.3 },
      message: "No frame within 0.3 s.",
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a 500 answer is an http_status error naming the status, without the password or the server's words", async () => {
    const err = await grabFrame(snapshotCamera("/broken")).catch((e) => e);
    expect(err).toMatchObject({
      name: "GrabError",
      code: "http_status",
      params: { status: 500 },
      message: "The camera answered HTTP 500.",
    });
    expect(err.message).not.toMatch(/pa55|internal error/);
  });

  it("an HTML page instead of an image is not_image, without echoing its content type or body", async () => {
    const err = await grabFrame(snapshotCamera("/login")).catch((e) => e);
    expect(err).toMatchObject({ code: "not_image" });
    expect(JSON.stringify({ message: err.message, params: err.params })).not.toMatch(/html|sign in/);
  });

  it("an abort signal stops a grab at once", async () => {
    const controller = new AbortController();
    const grab = grabFrame(snapshotCamera("/never", { grabTimeoutMs: 60_000 }), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(grab).rejects.toMatchObject({ code: "aborted" });
  });

  it("follows a redirect on the same camera with credentials, sends none to another host, and stops a loop", async () => {
    expect((await grabFrame(snapshotCamera("/moved"))).image.equals(JPEG)).toBe(true);
    await grabFrame(snapshotCamera("/away"));
    expect(seenElsewhere).toEqual([undefined]);
    await expect(grabFrame(snapshotCamera("/loop"))).rejects.toMatchObject({ code: "too_many_redirects" });
  });

  it("a closed port is refused", async () => {
    const closed = http.createServer();
    const url = await listen(closed);
    closed.close();
    await expect(grabFrame(memoryCamera({ sourceType: "http_snapshot", sourceUri: `${url}/x.jpg` }))).rejects.toMatchObject({
      code: "refused",
    });
  });
});
