import "server-only";
import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFileAsync = promisify(execFile);
const migrationsDir = () => path.join(process.cwd(), "prisma", "migrations");

/**
 * Applies the checked-in migrations with the Prisma CLI (`prisma migrate deploy`). Prisma takes a
 * PostgreSQL advisory lock, so several processes starting at once against one database are safe.
 */
export async function applyMigrations(databaseUrl: string): Promise<string> {
  const cli = path.join(process.cwd(), "node_modules", "prisma", "build", "index.js");
  try {
    const { stdout } = await execFileAsync(process.execPath, [cli, "migrate", "deploy"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      timeout: 120_000,
    });
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    const detail = `${e.stdout ?? ""}\n${e.stderr ?? ""}`.trim() || e.message;
    throw new Error(`数据库迁移失败 (database migration failed):\n${detail}`);
  }
}

/**
 * True when every migration folder is recorded as applied. Starting the Prisma CLI costs seconds;
 * this query costs milliseconds, so processes that start often (the CLI) skip it when nothing is due.
 */
export async function migrationsUpToDate(databaseUrl: string): Promise<boolean> {
  const local = (await fs.readdir(migrationsDir(), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string }>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return local.every((name) => applied.has(name));
  } catch (err) {
    if ((err as { code?: string }).code === "42P01") return false; // no _prisma_migrations yet: a new database
    throw err;
  } finally {
    await client.end();
  }
}

export async function migrateIfNeeded(databaseUrl: string): Promise<void> {
  if (!(await migrationsUpToDate(databaseUrl))) await applyMigrations(databaseUrl);
}
