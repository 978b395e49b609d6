import "server-only";
import { sessionCookie } from "@/server/auth/session-cookie";
import { env } from "@/server/config/env";
import { AppError, forbidden } from "@/server/errors";

/**
 * Cross-site request protection. A browser attaches the session cookie to a request another page
 * makes (a form posted from elsewhere, a fetch with credentials), and SameSite=Lax does not stop
 * it when that page is same-site but another origin: another port of this host, a sibling
 * subdomain. What a page cannot forge is where the browser says the request comes from: `Origin`
 * (sent with every POST), or `Sec-Fetch-Site` when Origin is absent.
 */
export type RequestSource = "same-origin" | "cross-origin" | "unknown";

/**
 * Where the browser says the request comes from. Our origin is NEXTAUTH_URL's when one is
 * configured (behind a proxy the Host header may be the proxy's upstream name), else the host the
 * request was sent to. "unknown": neither header, so not a current browser (curl, a script).
 */
export function requestSource(req: Request): RequestSource {
  const origin = req.headers.get("origin");
  if (origin !== null) return isOurOrigin(origin, req) ? "same-origin" : "cross-origin";
  const site = req.headers.get("sec-fetch-site");
  if (site === null) return "unknown";
  // "none": the user typed the address or opened a bookmark; no page made the request.
  return site === "same-origin" || site === "none" ? "same-origin" : "cross-origin";
}

function isOurOrigin(origin: string, req: Request): boolean {
  if (env.NEXTAUTH_URL) return origin === new URL(env.NEXTAUTH_URL).origin;
  // Host and port, not the scheme: one host:port serves one scheme, and behind a TLS proxy the
  // server itself sees plain http while the browser says https.
  try {
    return new URL(origin).host === req.headers.get("host");
  } catch {
    return false; // "null" (sandboxed frames, privacy-sensitive redirects) or garbage
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why this request must not reach its handler, or null. Checked by proxy.ts before every API route:
 * - a tRPC call that is not `application/json`: forms and `text/plain` fetches are "simple"
 *   requests a browser sends cross-site without asking the server first (no CORS preflight);
 * - a state-changing request authenticated by the session cookie that does not come from our own
 *   origin, or does not say where it comes from.
 * Requests with an Authorization header are left alone: a bearer token is not something a browser
 * attaches by itself, and another page cannot set that header without a preflight we never allow.
 */
export function crossSiteRefusal(req: Request): AppError | null {
  if (SAFE_METHODS.has(req.method)) return null;
  if (new URL(req.url).pathname.startsWith("/api/trpc/") && !/^application\/json\s*(;|$)/i.test(req.headers.get("content-type") ?? "")) {
    return new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      "tRPC 请求只接受 Content-Type: application/json (tRPC requests accept Content-Type: application/json only).",
    );
  }
  if (req.headers.has("authorization") || !hasSessionCookie(req) || requestSource(req) === "same-origin") return null;
  return forbidden(
    "已拒绝跨站请求：使用登录会话的修改操作只能从本站页面发起；脚本请使用 API 令牌 " +
      "(cross-site request refused: a change made with a signed-in session must come from this site's own pages; scripts use an API token).",
  );
}

/** next-auth splits a large session cookie into `<name>.0`, `<name>.1`, ...: any of them is a session. */
function hasSessionCookie(req: Request): boolean {
  const name = sessionCookie().name;
  return (req.headers.get("cookie") ?? "")
    .split(";")
    .map((pair) => pair.split("=")[0]!.trim())
    .some((cookie) => cookie === name || cookie.startsWith(`${name}.`));
}
