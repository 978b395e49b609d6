import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { proxy } from "@/proxy";
import { GET as language } from "@/app/api/lang/route";
import { createUser } from "@/server/users/users";
import { signedInCookie } from "../support/session";
import { uniqueName } from "../support/unique";

/**
 * Issue 11, rows 1-3, as curl would send them: state-changing requests that carry the admin's
 * session cookie are refused unless the browser says they come from our own origin, and tRPC takes
 * JSON only. (e2e/security.spec.ts does the same from a real page on another origin in Chromium.)
 */
const OURS = "http://localhost:8000";
let admin: string;
beforeAll(async () => {
  const username = uniqueName("csrf-admin");
  await createUser({ username, password: "long-enough-password", role: "admin" });
  admin = await signedInCookie(username, "long-enough-password");
});

// Next's server passes the Host header the browser sent; here it is the one a browser on OURS sends.
const post = (path: string, headers: Record<string, string>) =>
  new NextRequest(`${OURS}${path}`, { method: "POST", headers: { host: "localhost:8000", ...headers } });
const passed = (res: Response) => res.headers.get("x-middleware-next") === "1";
async function refusal(res: Response) {
  expect(passed(res)).toBe(false);
  return { status: res.status, body: (await res.json()) as { error: string; message: string } };
}

const RECOVERY = "/api/diagnosis/tasks/recovery?force_reset=true";
const JSON_TYPE = { "content-type": "application/json" };

describe("cross-site requests", () => {
  it("csrf: the admin's cookie with Origin: http://evil.example is refused with 403 and a sentence (row 2)", async () => {
    const { status, body } = await refusal(await proxy(post(RECOVERY, { cookie: admin, origin: "http://evil.example" })));
    expect(status).toBe(403);
    expect(body).toEqual({ error: "forbidden", message: expect.stringMatching(/^已拒绝跨站请求.*\(cross-site request refused: .*\)\.$/) });
  });

  it("csrf: another port of this host and a sibling subdomain are other origins, though the same site (row 1)", async () => {
    for (const origin of ["http://localhost:8001", "http://ops.localhost:8000", "http://localhost", "null"]) {
      expect((await proxy(post(RECOVERY, { cookie: admin, origin }))).status, origin).toBe(403);
    }
    // Without Origin the browser's Sec-Fetch-Site decides: "same-site" is a sibling origin.
    expect((await proxy(post(RECOVERY, { cookie: admin, "sec-fetch-site": "same-site" }))).status).toBe(403);
    expect((await proxy(post(RECOVERY, { cookie: admin, "sec-fetch-site": "cross-site" }))).status).toBe(403);
  });

  it("csrf: a cookie request that says nothing about where it comes from is refused", async () => {
    expect((await proxy(post(RECOVERY, { cookie: admin }))).status).toBe(403);
  });

  it("csrf: our own pages pass (Origin of this host, or Sec-Fetch-Site same-origin), and so does a bearer token from anywhere", async () => {
    expect(passed(await proxy(post(RECOVERY, { cookie: admin, origin: OURS })))).toBe(true);
    expect(passed(await proxy(post(RECOVERY, { cookie: admin, "sec-fetch-site": "same-origin" })))).toBe(true);
    // The spec's curl commands: a token, no cookie, no Origin.
    expect(passed(await proxy(post(RECOVERY, { authorization: "Bearer es_anything" })))).toBe(true);
    expect(passed(await proxy(post(RECOVERY, { authorization: "Bearer es_anything", origin: "http://evil.example" })))).toBe(true);
    // No session: nothing to abuse (the route answers 401 itself).
    expect(passed(await proxy(post(RECOVERY, { origin: "http://evil.example" })))).toBe(true);
    // Reads change nothing and stay open to links from elsewhere.
    const read = new NextRequest(`${OURS}/api/diagnosis/tasks/status-check`, { headers: { cookie: admin, origin: "http://evil.example" } });
    expect(passed(await proxy(read))).toBe(true);
  });

  it("csrf: tRPC mutations and next-auth's sign-out are covered too", async () => {
    const recoverAll = "/api/trpc/recovery.recoverAll";
    expect((await proxy(post(recoverAll, { ...JSON_TYPE, cookie: admin, origin: "http://localhost:9999" }))).status).toBe(403);
    expect(passed(await proxy(post(recoverAll, { ...JSON_TYPE, cookie: admin, origin: OURS })))).toBe(true);
    const signOut = "/api/auth/signout";
    const form = { "content-type": "application/x-www-form-urlencoded" };
    expect((await proxy(post(signOut, { ...form, cookie: admin, origin: "http://evil.example" }))).status).toBe(403);
    // Signing in has no session yet to abuse; next-auth's own CSRF token protects it.
    expect(passed(await proxy(post("/api/auth/callback/credentials", { ...form, origin: "http://evil.example" })))).toBe(true);
  });

  it("csrf: tRPC accepts application/json only: multipart/form-data and text/plain are 415 even from our own origin (row 3)", async () => {
    const recoverAll = "/api/trpc/recovery.recoverAll";
    for (const type of ["multipart/form-data; boundary=x", "text/plain", "application/x-www-form-urlencoded", "application/jsonp"]) {
      const { status, body } = await refusal(await proxy(post(recoverAll, { "content-type": type, cookie: admin, origin: OURS })));
      expect(status, type).toBe(415);
      expect(body.message).toContain("application/json");
    }
    expect((await proxy(post(recoverAll, { cookie: admin, origin: OURS }))).status).toBe(415);
    expect(passed(await proxy(post(recoverAll, { "content-type": "application/json; charset=utf-8", cookie: admin, origin: OURS })))).toBe(
      true,
    );
  });

  it("csrf: a language link on another site does not change the language", async () => {
    const from = (headers: Record<string, string>) => language(new Request(`${OURS}/api/lang?lang=en&return=/tasks`, { headers }));
    expect((await from({ "sec-fetch-site": "cross-site" })).headers.get("set-cookie")).toBeNull();
    expect((await from({ "sec-fetch-site": "same-origin" })).headers.get("set-cookie")).toContain("easysight_lang=en");
  });
});

describe("cross-site requests with NEXTAUTH_URL configured", () => {
  const saved = process.env.NEXTAUTH_URL;
  beforeAll(() => {
    vi.resetModules();
    process.env.NEXTAUTH_URL = "https://diagnosis.example.com";
  });
  afterAll(() => {
    process.env.NEXTAUTH_URL = saved;
    vi.resetModules();
  });

  it("csrf: our origin is the public URL's, whatever Host the request reached the server with", async () => {
    const { crossSiteRefusal } = await import("@/server/http/same-origin");
    const { sessionCookie } = await import("@/server/auth/session-cookie");
    const cookie = `${sessionCookie().name}=anything`;
    const at = (origin: string, host: string) =>
      crossSiteRefusal(
        new Request("http://127.0.0.1:8000/api/diagnosis/tasks/recovery", { method: "POST", headers: { cookie, origin, host } }),
      );
    expect(at("https://diagnosis.example.com", "127.0.0.1:8000")).toBeNull();
    expect(at("http://127.0.0.1:8000", "127.0.0.1:8000")).toMatchObject({ code: "FORBIDDEN" });
    expect(at("https://evil.example", "evil.example")).toMatchObject({ code: "FORBIDDEN" });
  });
});
