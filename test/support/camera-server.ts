import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FIXTURE_IMAGE } from "./fixtures";

/**
 * A local "IP camera": /ok answers a JPEG snapshot, /hang never answers, /garbage answers bytes that
 * are not an image. Lets executor tests exercise real HTTP grabs, timeouts and bad data.
 */
export async function startCameraServer() {
  const jpeg = fs.readFileSync(FIXTURE_IMAGE);
  const server = http.createServer((req, res) => {
    if (req.url === "/ok") return res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    if (req.url === "/garbage")
      return res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.from("definitely not a jpeg".repeat(50)));
    if (req.url === "/hang") return; // never answer
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: "/ok" | "/hang" | "/garbage") => base + path,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
