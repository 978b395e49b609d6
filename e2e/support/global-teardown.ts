import fs from "node:fs";
import pg from "pg";
import { E2E_DB_URL_FILE } from "./e2e-env";

/** Drops the e2e database once the server has stopped. */
export default async function globalTeardown() {
  if (!fs.existsSync(E2E_DB_URL_FILE)) return;
  const url = new URL(fs.readFileSync(E2E_DB_URL_FILE, "utf8").trim());
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect().catch(() => undefined);
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
  await client.end().catch(() => undefined);
  fs.rmSync(E2E_DB_URL_FILE, { force: true });
}
