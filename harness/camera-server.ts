import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sharp from "sharp";

export const FIXTURE_DIR = "test/fixtures/vqd-public/images";
/** The folders file cameras of benches and fault scripts read (CAMERA_FILES_ROOT): the fixtures and the demo. */
export const FIXTURE_FILES_ROOT = [path.resolve("test/fixtures"), path.resolve("demo/cameras")].join(path.delimiter);
// Scripts that run the executor in-process read the setting when they first load a server module.
process.env.CAMERA_FILES_ROOT ??= FIXTURE_FILES_ROOT;

/** The public fixture frames (normal and distorted) the demo-like cameras show. */
export const fixtureImages = () =>
  fs
    .readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".jpg"))
    .sort();

/**
 * A PNG that sharp decodes and every check analyses, but whose thumbnail cannot be made: 64 x 65 520
 * pixels (64 wide: the thumbnail keeps the full height), and JPEG, the thumbnail format, stops at 65 500.
 */
export const thumbnailBreakingPng = () =>
  sharp({ create: { width: 64, height: 65_520, channels: 3, background: { r: 120, g: 110, b: 100 } } })
    .png()
    .toBuffer();

/**
 * Local "IP cameras" for benchmarks and fault checks:
 *   /image/<fixture>.jpg?delay=<ms>   a fixture frame, after a delay (a slow camera)
 *   /hang                             never answers
 *   /garbage                          200 image/jpeg with bytes that are not an image
 *   /no-thumbnail.png                 a decodable frame whose thumbnail step fails
 */
export async function startBenchCameras() {
  const odd = await thumbnailBreakingPng();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://camera");
    const image = /^\/image\/([\w.-]+\.jpg)$/.exec(url.pathname)?.[1];
    if (image) {
      const file = path.join(FIXTURE_DIR, image);
      if (!fs.existsSync(file)) return res.writeHead(404).end();
      const send = () => res.writeHead(200, { "content-type": "image/jpeg" }).end(fs.readFileSync(file));
      return void setTimeout(send, Number(url.searchParams.get("delay") ?? 0));
    }
    if (url.pathname === "/hang") return; // never answer
    if (url.pathname === "/garbage")
      return res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.from("definitely not a jpeg ".repeat(50)));
    if (url.pathname === "/no-thumbnail.png") return res.writeHead(200, { "content-type": "image/png" }).end(odd);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (p: string) => base + p,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
