/** A path on this site, or the fallback: a crafted link must never send a user to another site. */
export function sameSitePath(value: string | string[] | null | undefined, fallback: string): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.startsWith("/\\")) return fallback;
  return v;
}

/** Where to go after signing in: a same-site path, never back to the sign-in page itself. */
export function safeCallbackUrl(value: string | string[] | undefined): string {
  const path = sameSitePath(value, "/tasks");
  return path.startsWith("/signin") ? "/tasks" : path;
}
