import fs from "node:fs";
import path from "node:path";

/** Shared between the e2e server script and the tests: where the e2e database's URL is written. */
export const E2E_DB_URL_FILE = path.resolve("test-results", "e2e-database-url");

export const e2eDatabaseUrl = () => fs.readFileSync(E2E_DB_URL_FILE, "utf8").trim();

/** The folders file cameras may read in e2e runs: the fixtures the tests add cameras on, and the demo cameras. */
export const e2eCameraFilesRoot = () => [path.resolve("test/fixtures"), path.resolve("demo/cameras")].join(path.delimiter);

/**
 * The e2e server's origin. A state-changing request made with the session cookie must say it comes
 * from there (server/http/same-origin.ts); a test that posts with Playwright's request context, which
 * sends no Origin of its own, sends this one, as the app's pages do.
 */
export const e2eOrigin = () => `http://localhost:${process.env.E2E_PORT}`;

export const E2E_USERS = {
  admin: { username: "e2e-admin", role: "admin" },
  operator: { username: "e2e-operator", role: "operator" },
  viewer: { username: "e2e-viewer", role: "viewer" },
} as const;

export const e2ePassword = () => {
  const value = process.env.E2E_PASSWORD;
  if (!value) throw new Error("E2E_PASSWORD is not set: run the e2e tests through playwright.config.ts");
  return value;
};
