import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { createApiToken } from "@/server/auth/api-tokens";
import { resolveActor } from "@/server/auth/resolve-actor";
import { getDb } from "@/server/db/client";
import { createUser, setUserActive, setUserPassword, setUserRole, signOutEverywhere } from "@/server/users/users";
import { signedInCookie } from "../support/session";
import { uniqueName } from "../support/unique";

/**
 * Issue 11, row 7: a session signed in before the account's password, role or active flag changed
 * (or before `user sign-out-all`) ends at its next request instead of living on for 12 hours.
 */
const PASSWORD = "first-password-1";
const api = (cookie: string) => new NextRequest("http://localhost:8000/api/trpc/me.get", { headers: { cookie } });
const page = (cookie: string) => new NextRequest("http://localhost:8000/tasks?status=running", { headers: { cookie } });

async function signedInUser(role: "viewer" | "admin" = "viewer") {
  const username = uniqueName("session");
  await createUser({ username, password: PASSWORD, role });
  return { username, cookie: await signedInCookie(username, PASSWORD) };
}

describe("sessions end when the account changes", () => {
  it("sessions: a changed password ends the sessions signed in before; signing in with the new one works", async () => {
    const { username, cookie } = await signedInUser();
    expect(await resolveActor(api(cookie))).toMatchObject({ type: "user", username });
    await setUserPassword(username, "second-password-2");
    expect(await resolveActor(api(cookie))).toBeNull();
    const fresh = await signedInCookie(username, "second-password-2");
    expect(await resolveActor(api(fresh))).toMatchObject({ username });
  });

  it("sessions: a changed role ends them, so no page keeps showing the old role's controls", async () => {
    const { username, cookie } = await signedInUser();
    await setUserRole(username, "operator");
    expect(await resolveActor(api(cookie))).toBeNull();
    expect(await resolveActor(api(await signedInCookie(username, PASSWORD)))).toMatchObject({ role: "operator" });
  });

  it("sessions: disabling an account ends them, and enabling it again does not bring them back", async () => {
    const { username, cookie } = await signedInUser();
    await setUserActive(username, false);
    expect(await resolveActor(api(cookie))).toBeNull();
    await setUserActive(username, true);
    expect(await resolveActor(api(cookie))).toBeNull();
    expect(await resolveActor(api(await signedInCookie(username, PASSWORD)))).toMatchObject({ username });
  });

  it("sessions: `easysight user sign-out-all` ends every session of that user only; API tokens keep working", async () => {
    const one = await signedInUser();
    const other = await signedInUser();
    const secondSession = await signedInCookie(one.username, PASSWORD);
    const { token } = await createApiToken({ username: one.username, name: "monitoring" });
    const { stdout } = await promisify(execFile)(process.execPath, ["bin/easysight.mjs", "user", "sign-out-all", one.username], {
      env: process.env,
    });
    expect(stdout).toContain(`every session of "${one.username}" has ended`);
    expect(await resolveActor(api(one.cookie))).toBeNull();
    expect(await resolveActor(api(secondSession))).toBeNull();
    expect(await resolveActor(api(other.cookie))).toMatchObject({ username: other.username });
    const bearer = new Request("http://localhost:8000/api/trpc/me.get", { headers: { authorization: `Bearer ${token}` } });
    expect(await resolveActor(bearer)).toMatchObject({ type: "token", username: one.username });
  });

  it("sessions: a change made by hand in SQL ends them too (the database raises the version)", async () => {
    const { username, cookie } = await signedInUser();
    await (
      await getDb()
    ).$executeRaw`UPDATE users SET is_active = false WHERE username = ${username}`;
    await (
      await getDb()
    ).$executeRaw`UPDATE users SET is_active = true WHERE username = ${username}`;
    expect(await resolveActor(api(cookie))).toBeNull();
  });

  it("sessions: an unrelated change (a sign-in's last-login time) leaves them alone", async () => {
    const { username, cookie } = await signedInUser();
    await signedInCookie(username, PASSWORD); // signing in again writes last_login_at
    expect(await resolveActor(api(cookie))).toMatchObject({ username });
  });

  it("sessions: a page opened with an ended session goes to sign-in with its path, and the cookie is cleared", async () => {
    const { username, cookie } = await signedInUser();
    expect((await proxy(page(cookie))).headers.get("location")).toBeNull();
    await signOutEverywhere(username);
    const res = await proxy(page(cookie));
    expect(new URL(res.headers.get("location")!).pathname).toBe("/signin");
    expect(new URL(res.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/tasks?status=running");
    expect(res.headers.get("set-cookie")).toMatch(/^next-auth\.session-token=; Path=\/; .*Max-Age=0/i);
  });
});
