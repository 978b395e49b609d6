import pg from "pg";

/**
 * A fresh, uniquely named database for one test run, on TEST_DATABASE_URL's server (CI: the machine's
 * PostgreSQL) or, when that is unset, on the project's embedded PostgreSQL. With `templateUrl`, the
 * new database is a copy of that (migrated, never connected to) template: much faster than migrating.
 */
export async function createTestDatabase(prefix: string, templateUrl?: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = templateUrl ? { adminUrl: withDatabase(templateUrl, "postgres"), release: async () => {} } : await serverUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${process.pid}_${Math.random().toString(36).slice(2, 6)}`;
  const template = templateUrl ? ` TEMPLATE "${new URL(templateUrl).pathname.slice(1)}"` : "";
  await withClient(server.adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${template}`));
  return {
    url: withDatabase(server.adminUrl, name),
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
  // A test run is a short command: it leaves a server it did not start (a developer's) running.
  const embedded = await openEmbeddedDatabase({ command: true });
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
