import "server-only";
import type { CameraSource, GrabbedFrame } from "./camera-source";
import { GrabError } from "./grab-error";
import { MAX_FRAME_BYTES, requireImage } from "./image-bytes";
import { displayUrl, splitCredentials } from "./source-url";

const MAX_REDIRECTS = 3;
const MAX_MB = MAX_FRAME_BYTES / 1024 / 1024;

/** One snapshot from an IP camera's HTTP(S) endpoint, with basic auth when the camera has credentials. */
export async function grabHttpSnapshot(camera: CameraSource, signal: AbortSignal): Promise<GrabbedFrame> {
  const embedded = splitCredentials(camera.sourceUri);
  const username = camera.sourceUsername ?? embedded.username;
  const password = camera.sourcePassword ?? embedded.password;
  const authorization =
    username !== null || password !== null ? `Basic ${Buffer.from(`${username ?? ""}:${password ?? ""}`).toString("base64")}` : null;
  const start = new URL(embedded.uri);
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const what = `HTTP snapshot ${displayUrl(url.toString())}`;
    // Credentials go only to the camera's own origin: a redirect elsewhere must not receive its password.
    const response = await request(url, url.origin === start.origin ? authorization : null, what, signal);
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || !location) {
      return { image: await readSnapshot(response, what), capturedAt: new Date() };
    }
    await response.body?.cancel();
    if (redirects === MAX_REDIRECTS) throw new GrabError("http_status", `${what} redirected more than ${MAX_REDIRECTS} times.`);
    url = new URL(location, url);
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new GrabError("http_status", `${what} redirected to a ${url.protocol} URL.`);
  }
}

async function request(url: URL, authorization: string | null, what: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, {
      signal,
      redirect: "manual",
      headers: { accept: "image/jpeg, image/*;q=0.9", ...(authorization ? { authorization } : {}) },
    });
  } catch (err) {
    if (signal.aborted) throw err;
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new GrabError("unreachable", `${what} is unreachable (${cause?.code ?? cause?.message ?? (err as Error).message}).`);
  }
}

async function readSnapshot(response: Response, what: string): Promise<Buffer> {
  if (!response.ok) {
    await response.body?.cancel();
    const hint = response.status === 401 || response.status === 403 ? "; check the camera's username and password" : "";
    const status = [response.status, response.statusText].filter(Boolean).join(" ");
    throw new GrabError("http_status", `${what} answered ${status}${hint}.`);
  }
  const type = response.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type && !type.startsWith("image/") && type !== "application/octet-stream") {
    await response.body?.cancel();
    throw new GrabError("not_image", `${what} answered with ${type}, not an image.`);
  }
  if (Number(response.headers.get("content-length")) > MAX_FRAME_BYTES) {
    await response.body?.cancel();
    throw new GrabError("too_large", `${what} is larger than ${MAX_MB} MB.`);
  }
  return requireImage(await readCapped(response, what), what);
}

/** The body, refusing to buffer more than MAX_FRAME_BYTES whatever Content-Length claimed. */
async function readCapped(response: Response, what: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.length;
    if (size > MAX_FRAME_BYTES) {
      await reader.cancel();
      throw new GrabError("too_large", `${what} is larger than ${MAX_MB} MB.`);
    }
    chunks.push(value);
  }
}
