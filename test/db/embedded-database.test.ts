import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// The project folder must be enterable by the "postgres" user when tests run as root.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-embedded-"));
fs.chmodSync(dataDir, 0o755);
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("embedded database", () => {
  it("two CLI processes started at once share one embedded PostgreSQL, and it stops when both are done", async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port),
      ADMIN_USERNAME: "boss",
      DEMO_DATA: "0",
      AUTO_MIGRATE: "1",
    };
    delete env.DATABASE_URL;
    const cli = (...args: string[]) => run(process.execPath, ["bin/easysight.mjs", ...args], { env, timeout: 120_000 });
    const [a, b] = await Promise.all([cli("user", "create", "alice"), cli("user", "create", "bob")]);
    // The first account of the empty database is the admin, created exactly once, with its password
    // printed by exactly one process.
    expect([a.stderr, b.stderr].filter((s) => s.includes("Admin account created"))).toHaveLength(1);
    const users = JSON.parse((await cli("user", "list", "--json")).stdout) as Array<{ username: string; role: string }>;
    expect(users[0]).toMatchObject({ username: "boss", role: "admin" });
    expect(
      users
        .slice(1)
        .map((u) => `${u.username} ${u.role}`)
        .sort(),
    ).toEqual(["alice viewer", "bob viewer"]);
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
    expect(fs.statSync(path.join(dataDir, "postgres-password")).mode & 0o077).toBe(0);
  }, 180_000);
});
