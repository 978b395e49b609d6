import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";

const JPEG = fs.readFileSync("test/fixtures/vqd-public/images/building-normal-0.jpg");

/**
 * A slow HTTP snapshot camera the test controls: every request waits until the test calls
 * `release()`, which answers the oldest waiting one with a JPEG. A run over several such cameras
 * advances one camera per release, without the test sleeping.
 */
export async function startHeldCamera() {
  const waiting: http.ServerResponse[] = [];
  const arrivals: Array<() => void> = [];
  const server = http.createServer((_req, res) => {
    waiting.push(res);
    arrivals.splice(0).forEach((wake) => wake());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/snapshot.jpg`;
  return {
    url,
    /** Resolves once a grab is waiting. */
    waitForGrab: () => (waiting.length ? Promise.resolve() : new Promise<void>((resolve) => arrivals.push(resolve))),
    release: () => waiting.shift()?.writeHead(200, { "content-type": "image/jpeg" }).end(JPEG),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
