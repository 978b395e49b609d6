import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase } from "@/test/support/test-database";
import { applyMigrations } from "@/server/db/migrate";
import { E2E_DB_URL_FILE, E2E_USERS, e2eCameraFilesRoot, e2ePassword } from "./e2e-env";

/**
 * Started by Playwright's webServer: a fresh database, migrated; the test users; then the production
 * server (`next start`) on E2E_PORT against it. When the server has stopped, the database is
 * dropped (not before: a server losing its database mid-shutdown only logs noise).
 */
const database = await createTestDatabase("easysight_e2e");
await applyMigrations(database.url);
fs.mkdirSync(path.dirname(E2E_DB_URL_FILE), { recursive: true });
fs.writeFileSync(E2E_DB_URL_FILE, database.url);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-e2e-"));
const port = process.env.E2E_PORT ?? "3100";
const env = {
  ...process.env,
  DATABASE_URL: database.url,
  AUTO_MIGRATE: "0",
  DEMO_DATA: "1",
  // The tests make stuck tasks on purpose and recover them through the UI; a watchdog would recover them first.
  WATCHDOG_ENABLED: "0",
  DATA_DIR: path.join(scratch, "data"),
  LOG_DIR: path.join(scratch, "logs"),
  LOG_LEVEL: "warn",
  // The tests add file cameras from the fixtures; the demo cameras are seeded.
  CAMERA_FILES_ROOT: e2eCameraFilesRoot(),
  EXECUTOR_SHUTDOWN_GRACE_MS: "1000",
  NEXTAUTH_URL: `http://localhost:${port}`,
  NEXT_MANUAL_SIG_HANDLE: "true",
  ADMIN_USERNAME: E2E_USERS.admin.username,
  ADMIN_PASSWORD: e2ePassword(),
  PORT: port,
};

// Users are made with the CLI, as an administrator would: the first `user create` on the empty
// database makes the admin from ADMIN_USERNAME/ADMIN_PASSWORD before its own account.
for (const user of [E2E_USERS.operator, E2E_USERS.viewer]) {
  execFileSync(process.execPath, ["bin/easysight.mjs", "user", "create", user.username, "--role", user.role, "--password", e2ePassword()], {
    env,
    stdio: "inherit",
  });
}

const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", port], { env, stdio: "inherit" });
const stop = () => server.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  database
    .drop()
    .catch((err: Error) => process.stderr.write(`could not drop the e2e database: ${err.message}\n`))
    .finally(() => {
      fs.rmSync(E2E_DB_URL_FILE, { force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
      process.exit(code ?? 0);
    });
});
