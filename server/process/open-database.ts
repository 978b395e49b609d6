import "server-only";
import { env } from "@/server/config/env";
import { closeDb, databaseUrl, getDb } from "@/server/db/client";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "@/server/db/embedded/embedded-server";
import { migrateIfNeeded } from "@/server/db/migrate";
import { seedDemoData } from "@/demo/seed-demo-data";
import { sealPlaintextCameraPasswords } from "@/server/secrets/seal-camera-passwords";
import { ensureAdminAccount } from "@/server/users/ensure-admin";

/** What a process entry point needs done to the database before it starts work. */
export interface DatabaseNeeds {
  /** Bring the schema up to date (unless AUTO_MIGRATE=0). */
  migrate: boolean;
  /** An empty database gets its admin account (see server/users/ensure-admin.ts). */
  ensureAdmin?: boolean;
  /** A new database gets the demo cameras and tasks (DEMO_DATA; default: on the embedded database). */
  demoData?: boolean;
  /**
   * A short command (the CLI): it leaves an embedded server running unless it started it itself and
   * nobody joined (see server/db/embedded/embedded-server.ts). Web servers and workers stop it when
   * they leave last.
   */
  command?: boolean;
}

const holder = globalThis as { __easysightEmbedded?: EmbeddedDatabase };

/**
 * Makes the database ready for this process, once, at its start: finds or starts the embedded
 * PostgreSQL (unless DATABASE_URL is set), then does what the entry point declares. Nothing else
 * starts servers, migrates or creates rows on its own: getDb() only connects.
 */
export async function openDatabase(needs: DatabaseNeeds): Promise<{ embedded: boolean }> {
  const embedded = !env.DATABASE_URL;
  if (embedded) holder.__easysightEmbedded ??= await openEmbeddedDatabase({ command: needs.command ?? false });
  if (needs.migrate && env.AUTO_MIGRATE) await migrateIfNeeded(databaseUrl());
  // Passwords stored in plaintext by older versions are sealed once the schema is current.
  if (needs.migrate) await sealPlaintextCameraPasswords(await getDb());
  if (needs.ensureAdmin) await ensureAdminAccount(await getDb());
  if (needs.demoData && (env.DEMO_DATA ?? embedded)) await seedDemoData(await getDb());
  return { embedded };
}

/** Closes this process's connections and leaves the embedded server (which may stop it: see DatabaseNeeds.command). */
export async function closeDatabase(): Promise<void> {
  const embedded = holder.__easysightEmbedded;
  holder.__easysightEmbedded = undefined;
  await closeDb();
  await embedded?.release();
}
