import { afterAll } from "vitest";
import { createTestDatabase } from "./test-database";

/**
 * Import this FIRST in a test file that runs an executor loop or worker processes: they claim any
 * due task in their database, so such a file gets a database of its own (a copy of the migrated
 * template) instead of the shared one. ES modules evaluate imports in order, so the imports after
 * this one already see the new DATABASE_URL.
 */
const own = await createTestDatabase("easysight_own", process.env.TEST_TEMPLATE_DATABASE_URL!);
process.env.DATABASE_URL = own.url;
afterAll(async () => {
  const { closeDb } = await import("@/server/db/client");
  await closeDb();
  await own.drop();
});
