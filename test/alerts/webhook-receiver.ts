import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  contentType: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the sender posted
  body: Record<string, any>;
}

/** A local webhook endpoint: records every POST and answers with the next status in `statuses` (then 200). */
export async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(text) });
      res.writeHead(statuses.shift() ?? 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = (path = "/hook") => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return { received, url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
