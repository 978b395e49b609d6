/**
 * Security headers. The static ones go on every response through next.config.ts headers(); the
 * per-request ones (the pages' CSP with its nonce, HSTS) are added by proxy.ts. No process.env here:
 * next.config.ts imports this file at build time.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * The pages' policy. Scripts run only with this response's nonce (Next puts it on its own scripts
 * when it finds it in the request's CSP header) and whatever those load ('strict-dynamic'); inline
 * styles stay allowed because React and the charts set style attributes. `next dev` needs eval for
 * its hot reloading, production never does.
 */
export function pageContentSecurityPolicy(nonce: string, options: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** API answers are data, never documents: nothing in one may load or run anything if opened as a page. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Two years, the preload list's minimum; only sent when the public URL is https. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
