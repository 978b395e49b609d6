import "server-only";

/**
 * Where a request came from, for the sign-in rate limit.
 *
 * Next's route handlers never see the socket. What they do see: Next's server fills in
 * `X-Forwarded-For` with the socket's address, but only when the request has no such header
 * (next/dist/server/base-server.js: `x-forwarded-for ??= socket.remoteAddress`). Hence:
 *
 * - TRUST_PROXY=0 (default; browsers connect to the app directly): proxy.ts deletes any
 *   X-Forwarded-For the client sent before Next fills it in, so the one entry handlers see is the
 *   socket's address. A client cannot choose its own address and slip past the per-address limit.
 * - TRUST_PROXY=n (n reverse proxies in front, e.g. 1 for nginx with `$proxy_add_x_forwarded_for`):
 *   each proxy appended the address it saw, so the client is the n-th entry from the right; entries
 *   further left were written by the client and are ignored.
 *
 * X-Real-IP is not used: it is only trustworthy behind a proxy that sets it, and there
 * X-Forwarded-For says the same thing.
 */
export const FORWARDED_FOR = "x-forwarded-for";

export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hop = hops[Math.max(0, hops.length - Math.max(1, trustedProxies))];
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d; count it as a.b.c.d.
  return hop
    ? hop
        .toLowerCase()
        .replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "")
        .slice(0, 64)
    : "unknown";
}
