import pg from "pg";
import { e2eDatabaseUrl } from "./e2e-env";

/** One statement against the e2e server's database (fixtures the UI cannot make, checks it cannot show). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A name no other test (or earlier run against the same database) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
