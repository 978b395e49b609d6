import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";

/**
 * The app as deployed behind https (NEXTAUTH_URL=https://...): modules are loaded afresh with that
 * setting, as a process started with it would load them.
 */
const saved = process.env.NEXTAUTH_URL;
beforeAll(() => {
  vi.resetModules();
  process.env.NEXTAUTH_URL = "https://diagnosis.example.com";
});
afterAll(() => {
  if (saved === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = saved;
  vi.resetModules();
});

describe("served over https", () => {
  it("https: the session cookie is __Secure-, Secure, HttpOnly and SameSite=Lax", async () => {
    const { authOptions } = await import("@/server/auth/auth-options");
    const options = authOptions();
    expect(options.useSecureCookies).toBe(true);
    expect(options.cookies?.sessionToken).toEqual({
      name: "__Secure-next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("https: a session in the __Secure- cookie is read, one in the plain-http cookie name is not", async () => {
    const { readSessionToken } = await import("@/server/auth/session-cookie");
    const { authSecret } = await import("@/server/auth/auth-secret");
    const jwt = await encode({ token: { uid: 42, username: "someone", role: "viewer" }, secret: authSecret() });
    const withCookie = (name: string) => new NextRequest("https://diagnosis.example.com/tasks", { headers: { cookie: `${name}=${jwt}` } });
    expect(await readSessionToken(withCookie("__Secure-next-auth.session-token"))).toMatchObject({ uid: 42 });
    expect(await readSessionToken(withCookie("next-auth.session-token"))).toBeNull();
  });

  it("https: pages and API answers carry Strict-Transport-Security", async () => {
    const { proxy } = await import("@/proxy");
    for (const path of ["/signin", "/api/health"]) {
      const res = await proxy(new NextRequest(`https://diagnosis.example.com${path}`));
      expect(res.headers.get("strict-transport-security"), path).toMatch(/^max-age=\d{8,}/);
    }
  });
});

describe("served over plain http", () => {
  it("http: the session cookie is HttpOnly and SameSite=Lax but not Secure (the browser would drop it)", async () => {
    const { sessionCookie } = await import("@/server/auth/session-cookie");
    expect(sessionCookie(false)).toEqual({
      name: "next-auth.session-token",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
    });
  });
});
