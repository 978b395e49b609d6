import { createTestDatabase } from "@/test/support/test-database";
import { applyMigrations } from "@/server/db/migrate";

/**
 * A throw-away, migrated database for a benchmark or fault check, on BENCH_DATABASE_URL's or
 * TEST_DATABASE_URL's server (else the embedded one). Sets DATABASE_URL before any server module
 * reads it: import the server modules dynamically after calling this.
 */
export async function throwawayDatabase(prefix: string) {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const db = await createTestDatabase(prefix);
  await applyMigrations(db.url);
  process.env.DATABASE_URL = db.url;
  process.env.AUTO_MIGRATE = "0";
  process.env.DEMO_DATA = "0";
  process.env.LOG_LEVEL ??= "warn";
  process.env.ADMIN_PASSWORD ??= "bench-password-not-used";
  return db;
}
