import "server-only";
import { existsSync, readFileSync } from "node:fs";
import { dataDir, env } from "@/server/config/env";
import { passwordFile } from "./paths";

export const EMBEDDED_DB_NAME = "easysight";

/**
 * The embedded database's URL, whether its server runs or not: a client only connects (the process
 * entry points start the server). Every process on one DATA_DIR uses EMBEDDED_PG_PORT.
 */
export function embeddedDatabaseUrl(database = EMBEDDED_DB_NAME): string {
  if (!existsSync(passwordFile())) {
    throw new Error(
      `The embedded database in ${dataDir} is not set up yet: start the server (npm start) or run a command that uses it first.`,
    );
  }
  const password = readFileSync(passwordFile(), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/${database}`;
}
