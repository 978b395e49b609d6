// Prisma CLI configuration (Prisma 7 reads it before doing anything else).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// This machine is offline. Without these settings the CLI tries to download a native `schema-engine` binary at
// start-up (even for `prisma generate`) and fails with ENOTFOUND. The shim runs Prisma's WebAssembly build of
// the same engine over @prisma/adapter-pg; see scripts/prisma-schema-engine.mjs. An explicitly set
// PRISMA_SCHEMA_ENGINE_BINARY (e.g. a real native binary) still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, "scripts", "prisma-schema-engine.mjs");
// No update check / usage telemetry (checkpoint-client), no "update available" banner: both need the network.
process.env.CHECKPOINT_DISABLE ??= "1";
process.env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";

// `prisma generate` needs no database, but the CLI wants a URL to exist. The placeholder host is in the reserved
// `.invalid` TLD: a command run without DATABASE_URL fails with "Can't reach database server at
// `database-url-is-not-set.invalid:5432`" instead of quietly creating and migrating some local database.
const url = process.env.DATABASE_URL ?? "postgresql://postgres@database-url-is-not-set.invalid:5432/app";

export default defineConfig({
  schema: path.join(root, "prisma", "schema.prisma"),
  migrations: { path: path.join(root, "prisma", "migrations") },
  datasource: {
    url,
    // Shadow database for `migrate dev` / `migrate diff --from-migrations`. By default the schema-engine shim
    // creates a temporary `prisma_migrate_shadow_db_<uuid>` next to DATABASE_URL and drops it afterwards (this
    // needs CREATEDB). Where that is not allowed, set SHADOW_DATABASE_URL to a dedicated database: it is wiped
    // (all schemas dropped) every time it is used.
    ...(process.env.SHADOW_DATABASE_URL ? { shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {}),
  },
});
