import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

/**
 * Import this FIRST in a test file about the embedded PostgreSQL: the file gets a DATA_DIR and an
 * EMBEDDED_PG_PORT of its own and no DATABASE_URL, so the server modules it imports afterwards use
 * an embedded server of their own. The folder must be enterable by the "postgres" user (tests may
 * run as root). Afterwards the server is stopped and the folder removed.
 */
export const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-embedded-"));
fs.chmodSync(dataDir, 0o755);
const saved = { DATA_DIR: process.env.DATA_DIR, EMBEDDED_PG_PORT: process.env.EMBEDDED_PG_PORT, DATABASE_URL: process.env.DATABASE_URL };
Object.assign(process.env, { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) });
delete process.env.DATABASE_URL;

afterAll(async () => {
  const { postmasterState, stopPostmaster } = await import("@/server/db/embedded/postmaster");
  if (postmasterState().status === "running") await stopPostmaster();
  Object.assign(process.env, saved);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
