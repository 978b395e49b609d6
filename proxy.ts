import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { env, servedOverHttps } from "@/server/config/env";
import { sessionCookie } from "@/server/auth/session-cookie";
import { sessionState } from "@/server/auth/session-state";
import { FORWARDED_FOR } from "@/server/http/client-address";
import { errorResponse } from "@/server/http/rest-route";
import { crossSiteRefusal } from "@/server/http/same-origin";
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, STRICT_TRANSPORT_SECURITY } from "@/server/http/security-headers";

/**
 * Runs before every page and API route (not before static files, which get next.config.ts's
 * headers only).
 * - API requests that another site could have made in the user's name (a state-changing request
 *   carrying the session cookie from another origin, a tRPC call that is not JSON) are refused
 *   here, before any route sees them (server/http/same-origin.ts).
 * - Every page gets a Content-Security-Policy with a fresh nonce. The policy also goes on the
 *   forwarded request: that is where Next reads the nonce it puts on its scripts.
 * - Pages other than sign-in need a live session. Without one, the browser goes to sign-in carrying
 *   the exact path and query it asked for, so a link pasted into a chat still lands on its task
 *   after signing in; a session that has ended (password, role or active flag changed, or signed
 *   out everywhere) also loses its cookie. API routes are not redirected: they answer 401/403
 *   themselves (scripts need a status, not a login page).
 * - With TRUST_PROXY=0, a client's own X-Forwarded-For is dropped so that Next fills in the socket's
 *   address (see server/http/client-address.ts).
 */
export async function proxy(req: NextRequest) {
  const headers = new Headers(req.headers);
  if (env.TRUST_PROXY === 0) headers.delete(FORWARDED_FOR);
  const { pathname, search } = req.nextUrl;

  if (pathname.startsWith("/api/")) {
    const refusal = crossSiteRefusal(req);
    if (refusal) return secured(errorResponse(refusal), API_CONTENT_SECURITY_POLICY);
    return secured(NextResponse.next({ request: { headers } }), API_CONTENT_SECURITY_POLICY);
  }
  const csp = pageContentSecurityPolicy(randomBytes(16).toString("base64"), { development: env.NODE_ENV === "development" });
  const session = pathname === "/signin" ? "live" : await sessionState(req);
  if (session !== "live") {
    const signIn = new URL("/signin", req.url);
    signIn.searchParams.set("callbackUrl", pathname + search);
    const res = NextResponse.redirect(signIn);
    if (session === "ended") res.cookies.set(sessionCookie().name, "", { ...sessionCookie().options, maxAge: 0 });
    return secured(res, csp);
  }
  headers.set("content-security-policy", csp);
  return secured(NextResponse.next({ request: { headers } }), csp);
}

function secured<R extends Response>(res: R, csp: string): R {
  res.headers.set("content-security-policy", csp);
  if (servedOverHttps) res.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  return res;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|robots\\.txt).*)"],
};
