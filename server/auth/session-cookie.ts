import "server-only";
import { getToken } from "next-auth/jwt";
import { servedOverHttps } from "@/server/config/env";
import { authSecret } from "./auth-secret";

/**
 * The session cookie, set explicitly instead of left to next-auth's guess from process.env:
 * HttpOnly (page scripts cannot read it), SameSite=Lax (not sent with cross-site form posts or
 * sub-requests, still sent when a link from elsewhere is followed, so deep links work), and, when
 * the public URL is https, Secure with the __Secure- prefix (browsers then never send it over
 * plain http and refuse a cookie of that name that is not Secure).
 */
export function sessionCookie(secure = servedOverHttps) {
  return {
    name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** The session's JWT from a request's cookie (proxy.ts and API routes), or null. */
export const readSessionToken = (req: Request) => getToken({ req: req as never, secret: authSecret(), cookieName: sessionCookie().name });
