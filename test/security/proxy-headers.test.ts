import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { proxy } from "@/proxy";
import { createUser } from "@/server/users/users";
import { signedInCookie as sessionOf } from "../support/session";
import { uniqueName } from "../support/unique";

const request = (path: string, headers: Record<string, string> = {}) => new NextRequest(`http://localhost:8000${path}`, { headers });
const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

async function signedInCookie() {
  const username = uniqueName("proxy");
  await createUser({ username, password: "long-enough-password", role: "viewer" });
  return sessionOf(username, "long-enough-password");
}

describe("proxy: security headers", () => {
  it("proxy: the sign-in page gets a CSP with a fresh nonce, also forwarded to Next's renderer", async () => {
    const first = await proxy(request("/signin"));
    const second = await proxy(request("/signin"));
    const csp = first.headers.get("content-security-policy");
    expect(csp).toContain("script-src 'self' 'nonce-");
    expect(csp).toContain("'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonceOf(csp));
  });

  it("proxy: a signed-in page request passes with its CSP; a signed-out one is sent to sign-in with the path", async () => {
    const signedIn = await proxy(request("/tasks/7?tab=history", { cookie: await signedInCookie() }));
    expect(signedIn.headers.get("location")).toBeNull();
    expect(nonceOf(signedIn.headers.get("x-middleware-request-content-security-policy"))).toBe(
      nonceOf(signedIn.headers.get("content-security-policy")),
    );
    const signedOut = await proxy(request("/tasks/7?tab=history"));
    expect(new URL(signedOut.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/tasks/7?tab=history");
  });

  it("proxy: API answers get a policy that loads nothing and are never redirected", async () => {
    const res = await proxy(request("/api/diagnosis/tasks/status-check"));
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("proxy: no HSTS while the public URL is plain http", async () => {
    expect((await proxy(request("/signin"))).headers.get("strict-transport-security")).toBeNull();
  });

  it("proxy: a client's own X-Forwarded-For does not reach the handlers (TRUST_PROXY=0)", async () => {
    const res = await proxy(request("/api/auth/callback/credentials", { "x-forwarded-for": "203.0.113.66", "user-agent": "test" }));
    const forwarded = (res.headers.get("x-middleware-override-headers") ?? "").split(",");
    expect(forwarded).toContain("user-agent");
    expect(forwarded).not.toContain("x-forwarded-for");
  });
});
