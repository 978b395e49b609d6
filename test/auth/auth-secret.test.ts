import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const saved = { DATA_DIR: process.env.DATA_DIR, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET };
afterEach(() => {
  Object.assign(process.env, saved);
  if (saved.NEXTAUTH_SECRET === undefined) delete process.env.NEXTAUTH_SECRET;
  vi.resetModules();
});

/** authSecret() as a freshly started process with this DATA_DIR and no NEXTAUTH_SECRET sees it. */
async function freshProcessSecret(dataDir: string) {
  vi.resetModules();
  process.env.DATA_DIR = dataDir;
  delete process.env.NEXTAUTH_SECRET;
  const { authSecret } = await import("@/server/auth/auth-secret");
  return authSecret();
}
const scratchDirs: string[] = [];
const scratch = () => {
  scratchDirs.push(fs.mkdtempSync(path.join(os.tmpdir(), "easysight-secret-")));
  return scratchDirs.at(-1)!;
};
afterAll(() => scratchDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe("session secret", () => {
  it("auth secret: the first start generates a long random secret into DATA_DIR/auth-secret, readable by its owner only", async () => {
    const dir = scratch();
    const secret = await freshProcessSecret(dir);
    const file = path.join(dir, "auth-secret");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it("auth secret: two installations never share a secret, so there is no default one", async () => {
    const [a, b] = [await freshProcessSecret(scratch()), await freshProcessSecret(scratch())];
    expect(a).not.toBe(b);
  });

  it("auth secret: a restart keeps the secret, so sessions survive it", async () => {
    const dir = scratch();
    const first = await freshProcessSecret(dir);
    expect(await freshProcessSecret(dir)).toBe(first);
  });

  it("auth secret: when DATA_DIR cannot hold the secret the process stops instead of using a built-in one", async () => {
    const blocker = path.join(scratch(), "not-a-directory");
    fs.writeFileSync(blocker, "");
    await expect(freshProcessSecret(blocker)).rejects.toThrow(/EEXIST|ENOTDIR/);
  });

  it("auth secret: NEXTAUTH_SECRET, when set, is used and nothing is written", async () => {
    const dir = scratch();
    vi.resetModules();
    process.env.DATA_DIR = dir;
    process.env.NEXTAUTH_SECRET = "x".repeat(40);
    const { authSecret } = await import("@/server/auth/auth-secret");
    expect(authSecret()).toBe("x".repeat(40));
    expect(fs.existsSync(path.join(dir, "auth-secret"))).toBe(false);
  });
});
