import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Outside Next.js the marker package throws unless the react-server condition is set; tests load
      // server modules directly, as tsx does for the CLI (tsconfig.json maps it the same way).
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/support/vitest-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
