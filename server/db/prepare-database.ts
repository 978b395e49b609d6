import type { PrismaClient } from "@/server/db/generated/client";
import { env } from "@/server/config/env";
import { openEmbeddedDatabase } from "./embedded/embedded-server";
import { migrateIfNeeded } from "./migrate";
import { ensureAdminAccount } from "@/server/users/ensure-admin";
import { seedDemoData } from "@/server/demo/seed-demo-data";

export interface PreparedDatabase {
  db: PrismaClient;
  url: string;
  embedded: boolean;
  /** The database was created by this process (a first start). */
  created: boolean;
  release(): Promise<void>;
}

/**
 * Finds the database (DATABASE_URL, else the embedded one), brings its schema up to date and makes
 * sure it can be used: an admin account exists, and a first embedded start gets demo data.
 */
export async function prepareDatabase(createClient: (url: string) => PrismaClient): Promise<PreparedDatabase> {
  const target = await openDatabaseTarget();
  if (env.AUTO_MIGRATE) await migrateIfNeeded(target.url);
  const db = createClient(target.url);
  await ensureAdminAccount(db);
  const embedded = !env.DATABASE_URL;
  if (env.DEMO_DATA ?? (embedded && target.created)) await seedDemoData(db);
  return { db, url: target.url, embedded, created: target.created, release: target.release };
}

/** DATABASE_URL when set (the app never starts its own server then), else the embedded database. */
export async function openDatabaseTarget(): Promise<{ url: string; created: boolean; release(): Promise<void> }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, created: false, release: async () => {} };
  return openEmbeddedDatabase();
}
