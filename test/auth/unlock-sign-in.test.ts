import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { signInWithPassword, verifyCredentials } from "@/server/auth/sign-in";
import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { createUser } from "@/server/users/users";
import { unlockSignIn } from "@/server/auth/unlock-sign-in";
import { uniqueName } from "../support/unique";

let n = 0;
const address = () => `2001:db8:ab:${(process.pid % 65_536).toString(16)}::${(++n).toString(16)}`;

/** Locks `login` the way a stranger would: wrong passwords up to the account's limit. */
async function lock(login: string) {
  for (let i = 0; i < env.SIGNIN_MAX_FAILURES_PER_ACCOUNT; i++)
    await signInWithPassword(login, "wrong-password", address()).catch(() => undefined);
  await expect(signInWithPassword(login, "correct-password", address())).rejects.toThrow(/TooManyAttempts/);
}

/** Runs the CLI, optionally feeding its standard input. */
function cli(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/easysight.mjs", ...args], { env: { ...process.env, LOG_LEVEL: "warn" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

describe("lifting a sign-in lock", () => {
  it("an account locked under its e-mail is unlocked by its user name, and signs in again", async () => {
    const username = uniqueName("locked");
    const email = `${username}@example.test`;
    await createUser({ username, email, password: "correct-password", role: "viewer" });
    await lock(email.toUpperCase());
    expect(await unlockSignIn(username)).toMatchObject({ logins: [username, email], cleared: 1 });
    expect(await signInWithPassword(email, "correct-password", address())).toMatchObject({ username });
  });

  it("a name no account has is unlocked as typed; a second unlock finds nothing", async () => {
    const name = uniqueName("ghost");
    await lock(name);
    expect(await unlockSignIn(` ${name} `)).toEqual({ logins: [name], cleared: 1 });
    expect(await unlockSignIn(name)).toEqual({ logins: [name], cleared: 0 });
  });

  it("with an address, that client address's counter is cleared too", async () => {
    const blocked = address();
    await (
      await getDb()
    ).$executeRaw`INSERT INTO signin_attempts (scope, subject, failures, window_started_at) VALUES ('address', ${blocked}, 20, now())`;
    expect((await unlockSignIn(uniqueName("nobody"), blocked)).cleared).toBe(1);
    expect((await unlockSignIn(uniqueName("nobody"), blocked)).cleared).toBe(0);
  });

  it("easysight user unlock does it from the command line, and says when there was nothing to do", async () => {
    const username = uniqueName("cliunlock");
    await createUser({ username, password: "correct-password", role: "viewer" });
    await lock(username);
    const first = await cli(["user", "unlock", username]);
    expect(first).toMatchObject({ code: 0, stdout: `unlocked "${username}": 1 counter(s) cleared\n` });
    expect((await cli(["user", "unlock", username])).stdout).toBe(`nothing to unlock for "${username}"\n`);
    expect(await signInWithPassword(username, "correct-password", address())).toMatchObject({ username });
  });
});

describe("passwords from standard input", () => {
  it("set-password --password-stdin sets exactly what was piped (without the pipe's line break)", async () => {
    const username = uniqueName("stdin");
    await createUser({ username, password: "first-password", role: "viewer" });
    const res = await cli(["user", "set-password", username, "--password-stdin"], "piped secret 42\n");
    expect(res).toMatchObject({ code: 0, stdout: `password of "${username}" changed\n(their sessions have ended)\n` });
    expect(res.stdout).not.toContain("piped secret");
    expect(await verifyCredentials(username, "piped secret 42")).toMatchObject({ username });
    expect(await verifyCredentials(username, "first-password")).toBeNull();
  });

  it("--password and --password-stdin together are refused, and nothing changes", async () => {
    const username = uniqueName("both");
    await createUser({ username, password: "first-password", role: "viewer" });
    const res = await cli(["user", "set-password", username, "--password", "other-password", "--password-stdin"], "piped-password\n");
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      "error: 密码只能用 --password 或 --password-stdin 其中之一给出 (give the password either with --password or with --password-stdin, not both).\n",
    );
    expect(await verifyCredentials(username, "first-password")).toMatchObject({ username });
  });
});
