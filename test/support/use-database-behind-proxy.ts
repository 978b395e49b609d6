import { afterAll } from "vitest";
import { createTestDatabase } from "./test-database";
import { startTcpProxy } from "./tcp-proxy";

/**
 * Import this FIRST in a test file that takes the database away: the file gets a database of its
 * own (a copy of the migrated template) that the app reaches through a TCP proxy the test can cut
 * and restore. ES modules evaluate imports in order, so the imports after this one already see the
 * new DATABASE_URL.
 */
const own = await createTestDatabase("easysight_proxied", process.env.TEST_TEMPLATE_DATABASE_URL!);
/** The database itself, bypassing the proxy (for the test's own checks). */
export const directUrl = own.url;
const direct = new URL(own.url);
export const databaseProxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
const proxied = new URL(own.url);
proxied.hostname = "127.0.0.1";
proxied.port = String(databaseProxy.port);
process.env.DATABASE_URL = proxied.toString();
afterAll(async () => {
  await databaseProxy.restore();
  const { closeDb } = await import("@/server/db/client");
  await closeDb();
  await databaseProxy.close();
  await own.drop();
});
