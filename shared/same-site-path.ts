/**
 * Where a link may send a user after signing in, switching language or signing out: a path on this
 * site, never another site. The value is judged the way the browser will read it, not as the
 * string it is: URL parsing drops tabs and newlines (`/%09/evil.example` arrives as `/\t/evil...`
 * and becomes `//evil.example`, another host), turns backslashes into slashes (`/\evil.example`),
 * and resolves dot segments (`/.//evil.example` becomes `//evil.example`). So the value is parsed
 * with the same WHATWG URL parser against a placeholder origin; only a result on that origin whose
 * path cannot be read as a host survives, in its parsed (percent-encoded, header-safe) form.
 */
const PLACEHOLDER_ORIGIN = "http://same-site.invalid";

/** `value` as a path on `origin` (an absolute URL on that origin, or a relative one), else `fallback`. */
export function sameOriginPath(value: string | null | undefined, origin: string, fallback: string): string {
  if (!value) return fallback;
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  return url.origin === new URL(origin).origin && !path.startsWith("//") ? path : fallback;
}

/** A path on this site from a query parameter (the first, if repeated), or the fallback. */
export function sameSitePath(value: string | string[] | null | undefined, fallback: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  // Only paths: an absolute URL, even to this site, is not what these parameters carry.
  return v?.startsWith("/") ? sameOriginPath(v, PLACEHOLDER_ORIGIN, fallback) : fallback;
}

/** Where to go after signing in: a same-site path, never back to the sign-in page itself. */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const path = sameSitePath(value, "/tasks");
  return path.startsWith("/signin") ? "/tasks" : path;
}
