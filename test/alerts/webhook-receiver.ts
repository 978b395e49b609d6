import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  path: string;
  contentType: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON the sender posted
  body: Record<string, any>;
  /** When the request arrived (Date.now()). */
  at: number;
}

/** How a receiver answers one request: a status and a JSON body, or "hang" (never answer). */
export type Answer = { status: number; json?: unknown } | "hang";

/**
 * A local HTTP endpoint: records every POST and answers with `answer(request)`. Hanging requests
 * are ended when the receiver closes.
 */
export async function startHttpReceiver(answer: (r: Received) => Answer) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      const r: Received = { path: req.url ?? "", contentType: req.headers["content-type"], body: JSON.parse(text), at: Date.now() };
      received.push(r);
      const a = answer(r);
      if (a === "hang") return;
      res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.json ?? "ok"));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = (path = "/hook") => `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { received, url, close };
}

/** A generic webhook endpoint: answers with the next status in `statuses` (then 200). */
export const startReceiver = (statuses: number[] = []) => startHttpReceiver(() => ({ status: statuses.shift() ?? 200 }));
