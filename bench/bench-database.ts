import { createTestDatabase } from "@/test/support/test-database";
import { applyMigrations } from "@/server/db/migrate";

/**
 * A throw-away, migrated database for a benchmark, on BENCH_DATABASE_URL's or TEST_DATABASE_URL's
 * server (else the embedded one). Sets DATABASE_URL before any server module reads it: import the
 * server modules dynamically after calling this.
 */
export async function benchDatabase(prefix: string) {
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

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: sorted.length, min: sorted[0], p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

export const ms = (n: number) => `${n.toFixed(1)} ms`;
