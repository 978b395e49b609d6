import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/server/config/env";
import { passwordFile, pgDir } from "./paths";
import { chownToPostgres, pgBinaries, runPgBinary } from "./run-as-postgres";

/**
 * Creates the embedded PostgreSQL's data directory (initdb) with a generated password, once per
 * DATA_DIR. Processes starting together on a new DATA_DIR wait for the one that initialises it.
 */
export async function initialiseOnce(): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  await assertReachableByPostgres(pgDir());
  // The password file is written last, so it marks a finished initialisation (PG_VERSION appears early).
  if (existsSync(passwordFile())) return;
  const lock = path.join(dataDir, "postgres-init.lock");
  try {
    await fs.mkdir(lock);
  } catch {
    // Another process is initialising the same directory: wait for it rather than race it.
    for (let i = 0; i < 600 && !existsSync(passwordFile()); i++) await new Promise((r) => setTimeout(r, 100));
    return;
  }
  try {
    const password = randomBytes(24).toString("base64url");
    await fs.rm(pgDir(), { recursive: true, force: true });
    await fs.mkdir(pgDir(), { mode: 0o700 });
    await chownToPostgres(pgDir());
    const pwTemp = path.join(dataDir, ".initdb-pw");
    await fs.writeFile(pwTemp, password + "\n", { mode: 0o600 });
    await chownToPostgres(pwTemp);
    const { initdb } = await pgBinaries();
    const flags = ["--auth=scram-sha-256", "--username=postgres", "--encoding=UTF8", "--locale=C"];
    await runPgBinary(initdb, [`--pgdata=${pgDir()}`, `--pwfile=${pwTemp}`, ...flags]);
    await fs.rm(pwTemp);
    await fs.writeFile(passwordFile(), password + "\n", { mode: 0o600 });
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

/** PostgreSQL runs as the `postgres` user when we are root: every folder above the data must be enterable. */
async function assertReachableByPostgres(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const { mode } = await fs.stat(d);
    if (!(mode & 0o001)) {
      throw new Error(
        `The embedded PostgreSQL runs as the system user "postgres", which cannot enter ${d}. ` +
          `Set DATA_DIR to a folder it can reach (for example /var/lib/easysight), or set DATABASE_URL.`,
      );
    }
  }
}
