import "server-only";
import http from "node:http";
import https from "node:https";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { GrabError } from "./grab-error";
import { connectionError } from "./connection-error";
import { MAX_FRAME_BYTES, requireImage } from "./image-bytes";
import { checkedLookup, resolveCameraHost } from "./source-address";
import { splitCredentials } from "./source-url";

const MAX_REDIRECTS = 3;
const MAX_MB = MAX_FRAME_BYTES / 1024 / 1024;

/**
 * One snapshot from an IP camera's HTTP(S) endpoint, with basic auth when the camera has credentials.
 * Every hop (redirects too) is checked against the address policy when it connects. What the server
 * answered is reduced to a code and a status number: the test grab must not become a way to read
 * other services' replies.
 */
export async function grabHttpSnapshot(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const embedded = splitCredentials(camera.sourceUri);
  const username = camera.sourceUsername ?? embedded.username;
  const password = camera.sourcePassword ?? embedded.password;
  const authorization =
    username !== null || password !== null ? `Basic ${Buffer.from(`${username ?? ""}:${password ?? ""}`).toString("base64")}` : null;
  const start = new URL(embedded.uri);
  let url = start;
  for (let redirects = 0; ; redirects++) {
    // Credentials go only to the camera's own origin: a redirect elsewhere must not receive its password.
    const response = await request(url, url.origin === start.origin ? authorization : null, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status < 300 || status >= 400 || !location) return { image: await readSnapshot(response), capturedAt: new Date() };
    response.destroy();
    if (redirects === MAX_REDIRECTS) throw new GrabError("too_many_redirects");
    url = new URL(location, url);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new GrabError("bad_redirect");
  }
}

async function request(url: URL, authorization: string | null, signal: AbortSignal): Promise<http.IncomingMessage> {
  // IP literals never go through `lookup`, so they are checked here; names are checked again at connect time.
  await resolveCameraHost(url.hostname);
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.get(
      url,
      {
        signal,
        lookup: checkedLookup(),
        agent: false,
        headers: { accept: "image/jpeg, image/*;q=0.9", ...(authorization ? { authorization } : {}) },
      },
      resolve,
    );
    req.on("error", (err) => reject(connectionError(err)));
  });
}

async function readSnapshot(response: http.IncomingMessage): Promise<Buffer> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    response.destroy();
    throw status === 401 ? new GrabError("auth_failed") : new GrabError("http_status", { status });
  }
  const type = response.headers["content-type"]?.split(";")[0].trim().toLowerCase();
  if (type && !type.startsWith("image/") && type !== "application/octet-stream") {
    response.destroy();
    throw new GrabError("not_image");
  }
  if (Number(response.headers["content-length"]) > MAX_FRAME_BYTES) {
    response.destroy();
    throw new GrabError("too_large", { mb: MAX_MB });
  }
  return requireImage(await readCapped(response));
}

/** The body, refusing to buffer more than MAX_FRAME_BYTES whatever Content-Length claimed. */
async function readCapped(response: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_FRAME_BYTES) {
        response.destroy();
        throw new GrabError("too_large", { mb: MAX_MB });
      }
      chunks.push(chunk);
    }
  } catch (err) {
    throw err instanceof GrabError ? err : connectionError(err);
  }
  return Buffer.concat(chunks);
}
