import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A page on another origin of the same site: the same host, another port, served by a tiny server
 * of its own (a sibling subdomain is the same case). Browsers send the SameSite=Lax session cookie
 * with its requests to the app, so only the app's origin check stands between it and the admin's
 * session. Serves `html` at `/`.
 */
export async function otherOriginPage(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
