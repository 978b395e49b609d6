import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env, servedOverHttps } from "@/server/config/env";
import { readSessionToken } from "@/server/auth/session-cookie";
import { FORWARDED_FOR } from "@/server/http/client-address";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/**
 * Runs before every page and API route (not before static files, which get next.config.ts's
 * headers only).
 * - Every page gets a Content-Security-Policy with a fresh nonce. The policy also goes on the
 *   forwarded request: that is where Next reads the nonce it puts on its scripts.
 * - Pages other than sign-in need a session. Without one, the browser goes to sign-in carrying the
 *   exact path and query it asked for, so a link pasted into a chat still lands on its task after
 *   signing in. API routes are not redirected: they answer 401/403 themselves (scripts need a
 *   status, not a login page).
 * - With TRUST_PROXY=0, a client's own X-Forwarded-For is dropped so that Next fills in the socket's
 *   address (see server/http/client-address.ts).
 */
export async function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  if (env.TRUST_PROXY === 0) headers.delete(FORWARDED_FOR);
  const { pathname, search } = req.nextUrl;

  if (pathname.startsWith("/api/")) {
    return secured(NextResponse.next({ request: { headers } }), API_CONTENT_SECURITY_POLICY);
  }
  const csp = pageContentSecurityPolicy(randomBytes(16).toString("base64"), { development: env.NODE_ENV === "development" });
  if (pathname !== "/signin" && !(await readSessionToken(req))) {
    const signIn = new URL("/signin", req.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    return secured(NextResponse.redirect(signIn), csp);
  }
  headers.set("content-security-policy", csp);
  return secured(NextResponse.next({ request: { headers } }), csp);
}

function secured(res: NextResponse, csp: string): NextResponse {
  res.headers.set("content-security-policy", csp);
  if (servedOverHttps) res.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt).*)"],
};
