// Support module of scripts/prisma-schema-engine.mjs: loads Prisma's WebAssembly schema engine and gives it a
// PostgreSQL connection through @prisma/adapter-pg. Everything here exists because this machine is offline:
// the Prisma CLI would otherwise download a native `schema-engine` binary (see prisma.config.ts).
import { createRequire } from "node:module";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const require = createRequire(import.meta.url);
// driver-adapter-utils is a dependency of adapter-pg, not of this project: resolve it through adapter-pg, so
// that even a non-hoisted install gives us the very copy (error wrappers, column type codes) adapter-pg uses.
const requireFromAdapter = createRequire(require.resolve("@prisma/adapter-pg"));
const { PrismaPg } = await import("@prisma/adapter-pg");
const { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } = await import(requireFromAdapter.resolve("@prisma/driver-adapter-utils"));

// The wasm code reports the text of a Rust panic through this global *before* throwing a bare
// `RuntimeError: unreachable`; it must exist before the module starts, or the panic hook itself crashes.
export const panicRegistry = {
  message: "",
  set_message(message) {
    this.message = message;
  },
};
globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

// Two builds of the same engine are installed. The CLI package ships, unused, the wasm build of exactly the
// engine commit it would download natively (prisma/build/schema_engine_bg.wasm); @prisma/schema-engine-wasm
// ships the JS glue plus a build of a slightly different commit. Prefer the CLI's build for parity with the
// native engine (same SQL generation), but only if the glue provides every function it imports; otherwise
// fall back to the package's own build.
function compileEngineModule(glue) {
  const candidates = [
    path.join(path.dirname(require.resolve("prisma/package.json")), "build", "schema_engine_bg.wasm"),
    path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm"),
  ];
  for (const file of candidates) {
    if (!fs.existsSync(file)) continue;
    const module = new WebAssembly.Module(fs.readFileSync(file));
    const imports = WebAssembly.Module.imports(module);
    if (imports.every((i) => i.module === "./schema_engine_bg.js" && typeof glue[i.name] === "function")) return module;
  }
  throw new Error("No schema_engine_bg.wasm compatible with @prisma/schema-engine-wasm was found");
}

let engineClass;
async function loadEngineClass() {
  if (engineClass) return engineClass;
  // Not `import '@prisma/schema-engine-wasm'`: its entry does `import * as wasm from './x.wasm'`, which plain
  // Node (without --experimental-wasm-modules) cannot load. Wire the glue to the module by hand instead.
  const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const instance = new WebAssembly.Instance(compileEngineModule(glue), { "./schema_engine_bg.js": glue });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return (engineClass = glue.SchemaEngine);
}

/** Creates an engine. `log` receives the engine's JSON log lines (the native engine writes them to stderr). */
export async function createEngine({ datamodels, factory, log }) {
  const SchemaEngine = await loadEngineClass();
  // The engine calls the adapter through "error capturing" wrappers: JS errors become { ok: false } results
  // and reach the engine only as an id ("External error id#0"); their text stays in the registry.
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  errorRegistries.push(bound.errorRegistry);
  return SchemaEngine.new({ datamodels: datamodels.length ? datamodels : undefined }, log, bound);
}

const errorRegistries = [];
/** Messages of the JS errors the adapter reported to the engine since the last call. */
export const takeAdapterErrors = () =>
  errorRegistries
    .flatMap((registry) => registry.registeredErrors.splice(0))
    .map((record) => record?.error?.message)
    .filter(Boolean);

// --- PostgreSQL access ----------------------------------------------------------------------------------------

// The engine's catalog queries return PostgreSQL's internal single-byte type `"char"` (oid 18: pg_class.relkind,
// pg_constraint.contype, ...) and `name` (oid 19). adapter-pg rejects "char" ("Column type 'char' could not be
// deserialized"), and older versions also reject `name`. The engine reads "char" columns as Rust chars, so they
// must be reported with the column type Character (a Text "n" panics the engine, e.g. on PostgreSQL 18, which
// lists NOT NULL constraints in pg_constraint). adapter-pg has no oid mapping to Character, so: pg parses both
// types to plain strings; a Client subclass relabels the fields as `text` (oid 25), which adapter-pg accepts,
// and notes the "char" column positions on the row array (which adapter-pg passes through untouched); the
// adapter's queryRaw is then wrapped to turn those columns' type into Character.
function relabelCatalogTypes(res) {
  for (const r of [res].flat()) {
    const charColumns = [];
    r?.fields?.forEach((field, index) => {
      if (field.dataTypeID === 18) charColumns.push(index);
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    });
    if (charColumns.length && Array.isArray(r.rows)) Object.defineProperty(r.rows, "charColumns", { value: charColumns });
  }
  return res;
}
class CatalogAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === "function") [values, callback] = [undefined, values];
    // pg.Pool#query calls us callback-style; adapter-pg's transactions call us promise-style.
    if (typeof callback === "function")
      return super.query(config, values, (err, res) => callback(err, err ? res : relabelCatalogTypes(res)));
    const result = super.query(config, values);
    return typeof result?.then === "function" ? result.then(relabelCatalogTypes) : result;
  }
}
function reportCharColumns(queryable) {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of result.rows.charColumns ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

// pg waits forever for a connection by default; the native engine gives up after 5 s. Fail instead of hanging.
const connectionTimeoutMillis = 10_000;

// The engine reduces a failed migration script to e.g. "No such table: x" (the native engine reports P3018
// with PostgreSQL's own message). Keep the driver's error so the shim can add it to the error it returns.
let lastScriptError = null;
export const takeLastScriptError = () => [lastScriptError, (lastScriptError = null)][0];

const pools = new Set(); // every pool we opened, so that shutdown can close them even after an engine error
const pendingDrops = new Map(); // temporary shadow databases not dropped yet

function parseUrl(url) {
  if (!url) throw new Error("No datasource URL was given to the schema engine (set DATABASE_URL)");
  const u = new URL(url);
  return { u, database: decodeURIComponent(u.pathname.slice(1)) || "postgres", schema: u.searchParams.get("schema") ?? undefined };
}

function withDatabase(url, database) {
  const { u } = parseUrl(url);
  u.pathname = "/" + encodeURIComponent(database);
  return u.toString();
}

/** One short-lived connection, for statements that cannot run through the engine (CREATE/DROP DATABASE). */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name) => '"' + name.replaceAll('"', '""') + '"';
const quoteLiteral = (text) => "'" + text.replaceAll("'", "''") + "'";

async function dropDatabase(adminUrl, database) {
  await withClient(adminUrl, async (client) => {
    const { rows } = await client.query("SHOW server_version_num");
    // WITH (FORCE) (PostgreSQL 13+) also ends connections a crashed engine may have left behind.
    const force = Number(rows[0].server_version_num) >= 130000 ? " WITH (FORCE)" : "";
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}${force}`);
  });
}

async function openAdapter(url, afterDispose) {
  // `?schema=x` in the URL: the engine must know it (adapter option) and, as with the native engine, unqualified
  // names in migration scripts must land in it (search_path).
  const { schema } = parseUrl(url);
  const config = { connectionString: url, connectionTimeoutMillis, Client: CatalogAsTextClient };
  if (schema) config.options = `-c search_path=${quoteIdent(schema)}`;
  const factory = new PrismaPg(config, schema ? { schema } : undefined);
  const adapter = await factory.connect();
  const pool = adapter.underlyingDriver();
  pools.add(pool);
  reportCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => reportCharColumns(await startTransaction(...args));
  // adapter-pg's executeScript splits the script on every `;`, which breaks any statement containing one
  // (strings, comments, DO blocks, functions) and runs the pieces as separate transactions. The native engine
  // sends a migration script as ONE simple-protocol query (multi-statement, implicitly atomic): do the same.
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      lastScriptError = error;
      adapter.onError(error);
    }
  };
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    pools.delete(pool);
    await dispose();
    await afterDispose?.();
  };
  return adapter;
}

/**
 * The driver-adapter factory handed to the engine: `connect` for the main database and `connectToShadowDb`
 * for the shadow database that `migrate dev` and `migrate diff --from-migrations` replay migrations into.
 * We do not use adapter-pg's own connectToShadowDb: built from a connection string, its `{ ...config,
 * database }` pool still connects to the database named in the URL (the main one!), and it drops the shadow
 * database before ending the pool that is still connected to it.
 */
export function createAdapterFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: () => openAdapter(url),
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        // A configured shadow database (SHADOW_DATABASE_URL, for roles without CREATEDB) must be wiped before
        // every use, as the native engine does: the wasm engine reuses it as is, and `migrate dev` replays the
        // migrations into it twice (drift check, then validation), failing with "type ... already exists".
        const schema = parseUrl(shadowDatabaseUrl).schema ?? "public";
        await withClient(shadowDatabaseUrl, (client) =>
          client.query(`DO $$ DECLARE s name; BEGIN
          FOR s IN SELECT nspname FROM pg_namespace WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' LOOP
            EXECUTE format('DROP SCHEMA %I CASCADE', s);
          END LOOP;
          EXECUTE format('CREATE SCHEMA %I', ${quoteLiteral(schema)});
        END $$`),
        );
        return openAdapter(shadowDatabaseUrl);
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`)).catch((error) => {
        throw new Error(
          `Could not create a temporary shadow database: ${error.message}. Grant CREATEDB to the role, ` +
            "or set SHADOW_DATABASE_URL (prisma.config.ts) to a dedicated database.",
        );
      });
      const drop = () => {
        pendingDrops.delete(name);
        return dropDatabase(url, name);
      };
      pendingDrops.set(name, drop);
      try {
        return await openAdapter(withDatabase(url, name), drop); // drop only after the pool has ended
      } catch (error) {
        await drop().catch(() => {});
        throw error;
      }
    },
  };
}

/** Ends all pools and drops temporary shadow databases that the engine did not dispose of (e.g. after an error). */
export async function closeAll() {
  await Promise.allSettled([...pools].map((pool) => pool.end()));
  pools.clear();
  await Promise.allSettled([...pendingDrops.values()].map((drop) => drop()));
}

export { parseUrl, withDatabase, quoteIdent };
