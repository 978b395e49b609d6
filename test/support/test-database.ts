import pg from "pg";

/**
 * A fresh, uniquely named database for one test run, on TEST_DATABASE_URL's server (CI: the machine's
 * PostgreSQL) or, when that is unset, on the project's embedded PostgreSQL.
 */
export async function createTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await serverUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}`;
  await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(server.adminUrl, name);
  return {
    url,
    async drop() {
      await withClient(server.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      await server.release();
    },
  };
}

async function serverUrl(): Promise<{ adminUrl: string; release(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) return { adminUrl: base, release: async () => {} };
  const { openEmbeddedDatabase } = await import("@/server/db/embedded/embedded-server");
  const embedded = await openEmbeddedDatabase();
  return { adminUrl: withDatabase(embedded.url, "postgres"), release: embedded.release };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
