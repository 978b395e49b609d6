import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A fresh database per test run, migrated with the Prisma CLI exactly as production does, and kept
 * pristine as a template: the shared test database and every file that needs a database of its own
 * (see use-own-database.ts) are copies of it. Files share the test database and keep out of each
 * other's way by creating uniquely named rows.
 */
export default async function setup() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-test-"));
  process.env.LOG_DIR = path.join(scratch, "logs");
  process.env.LOG_LEVEL ??= "warn";
  const { createTestDatabase } = await import("./test-database");
  const { applyMigrations } = await import("@/server/db/migrate");
  const template = await createTestDatabase("easysight_tpl");
  await applyMigrations(template.url);
  const shared = await createTestDatabase("easysight_test", template.url);
  Object.assign(process.env, {
    DATABASE_URL: shared.url,
    TEST_TEMPLATE_DATABASE_URL: template.url,
    DEMO_DATA: "0",
    AUTO_MIGRATE: "0",
    ADMIN_PASSWORD: randomBytes(12).toString("hex"),
    DATA_DIR: path.join(scratch, "data"),
    // File cameras in tests read the fixtures, the demo cameras and scratch folders under DATA_DIR/cameras.
    CAMERA_FILES_ROOT: [path.resolve("test/fixtures"), path.resolve("demo/cameras"), path.join(scratch, "data", "cameras")].join(
      path.delimiter,
    ),
  });
  fs.mkdirSync(path.join(scratch, "data", "cameras"), { recursive: true });
  return async () => {
    await shared.drop();
    await template.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
}
