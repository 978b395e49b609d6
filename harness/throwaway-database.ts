import { createTestDatabase } from "@/test/support/test-database";
import { applyMigrations } from "@/server/db/migrate";

/**
 * A throw-away, migrated database for a benchmark or fault check, on BENCH_DATABASE_URL's or
 * TEST_DATABASE_URL's server (else the embedded one). Sets DATABASE_URL before any server module
 * reads it: import the server modules dynamically after calling this.
 */
export async function throwawayDatabase(prefix: string) {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  // Set before the database is made: without a server URL, starting the embedded one reads the configuration.
  process.env.AUTO_MIGRATE = "0";
  process.env.DEMO_DATA = "0";
  process.env.LOG_LEVEL ??= "warn";
  process.env.ADMIN_PASSWORD ??= "bench-password-not-used";
  const db = await createTestDatabase(prefix);
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  // The embedded server's start parsed the configuration (server/config/env.ts) before this database existed,
  // so its DATABASE_URL is unset there and the client would open the embedded default database, unmigrated
  // ("table public.cameras does not exist"), leaving the embedded server running. Point the parsed copy here too.
  const { env } = await import("@/server/config/env");
  env.DATABASE_URL = db.url;
  return db;
}
