import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * One fresh database per test run, migrated with the Prisma CLI exactly as production does. Test
 * files share it and keep out of each other's way by creating uniquely named rows.
 */
export default async function setup() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-test-"));
  process.env.LOG_DIR = path.join(scratch, "logs");
  process.env.LOG_LEVEL ??= "warn";
  const { createTestDatabase } = await import("./test-database");
  const { applyMigrations } = await import("@/server/db/migrate");
  const database = await createTestDatabase("easysight_test");
  await applyMigrations(database.url);
  const env = {
    DATABASE_URL: database.url,
    DEMO_DATA: "0",
    AUTO_MIGRATE: "0",
    ADMIN_PASSWORD: randomBytes(12).toString("hex"),
    LOG_DIR: process.env.LOG_DIR,
    LOG_LEVEL: process.env.LOG_LEVEL,
    DATA_DIR: path.join(scratch, "data"),
  };
  Object.assign(process.env, env);
  return async () => {
    await database.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}

