#!/usr/bin/env node
// Drop-in replacement for Prisma's native `schema-engine` binary, for machines that cannot download it.
//
// WHY: the Prisma CLI (7.x) downloads a native schema engine on start-up, even for `prisma generate`, and
// needs it for every `migrate` / `db` command. Offline that fails. prisma.config.ts points the CLI here via
// PRISMA_SCHEMA_ENGINE_BINARY. We speak the native engine's command-line protocol and forward the work to
// Prisma's official WebAssembly build of the same engine, which reaches PostgreSQL through @prisma/adapter-pg.
// The SQL, the migration bookkeeping (`_prisma_migrations`, checksums = sha256 of migration.sql) and most error
// codes are the engine's own (only the one-shot connection checks below map pg errors to P1000/P1001/P1003
// themselves), so migrations made here are interchangeable with the native engine's.
//
// Protocol, as used by node_modules/prisma/build/cli.js:
//   schema-engine [--datamodels FILE...] [--datasource JSON]         JSON-RPC 2.0, one message per line on
//                                                                    stdin/stdout; logs as JSON lines on stderr
//   schema-engine --datasource JSON cli can-connect-to-database|create-database|drop-database   (one-shot)
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import {
  closeAll,
  createAdapterFactory,
  createEngine,
  panicRegistry,
  parseUrl,
  quoteIdent,
  takeAdapterErrors,
  takeLastScriptError,
  withClient,
  withDatabase,
} from "./prisma-schema-engine-wasm.mjs";

// stdout carries JSON-RPC only: keep stray console output of any library away from it.
console.log = console.info = console.debug = console.warn = console.error;

function parseArgs(argv) {
  const args = { datamodels: [], datasource: {}, cli: null };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    // The CLI repeats `--datamodels FILE` per file; the native engine also accepts `--datamodels A B C`.
    if (arg === "--datamodels") while (argv[i + 1] && !argv[i + 1].startsWith("--")) args.datamodels.push(argv[++i]);
    else if (arg === "--datasource") args.datasource = JSON.parse(argv[++i]);
    else if (arg === "cli") args.cli = argv[++i];
    else if (arg === "--enabled-preview-features" || arg === "--extension-types")
      i++; // not used by the wasm engine
    else if (arg === "--version" || arg === "-V") args.cli = "version";
  }
  return args;
}

// Log lines in the native engine's format: the CLI reads `fields.message`, `level` and `fields.error_code`.
const logLine = (level, fields) =>
  JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target: "schema_engine::logger" }) + "\n";

/** Translates a pg connection error into the native engine's user-facing error (code + message). */
function userFacingError(error, url) {
  if (!url) return { message: error.message };
  const { u, database } = parseUrl(url);
  const at = `${u.hostname}:${u.port || 5432}`;
  if (error.code === "3D000")
    return { error_code: "P1003", message: `Database \`${database}\` does not exist on the database server at \`${at}\`.` };
  if (error.code === "28P01" || error.code === "28000")
    return {
      error_code: "P1000",
      message: `Authentication failed against database server at \`${u.hostname}\`, the provided database credentials for \`${decodeURIComponent(u.username)}\` are not valid.`,
    };
  if (error.code === "42P04")
    return { error_code: "P1009", message: `Database \`${database}\` already exists on the database server at \`${at}\`` };
  if (
    ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"].includes(error.code) ||
    /timeout/i.test(error.message)
  )
    return {
      error_code: "P1001",
      message: `Can't reach database server at \`${at}\`\n\nPlease make sure your database server is running at \`${at}\`.`,
    };
  return { message: error.message };
}

// CREATE/DROP DATABASE must run from another database: the native engine uses `postgres`, then `template1`.
async function withAdminClient(url, fn) {
  try {
    return await withClient(withDatabase(url, "postgres"), fn);
  } catch (error) {
    if (error.code !== "3D000") throw error;
    return withClient(withDatabase(url, "template1"), fn);
  }
}

async function runDatabaseCommand(command, url) {
  const { database } = parseUrl(url);
  switch (command) {
    case "can-connect-to-database":
      return withClient(url, (c) => c.query("SELECT 1"));
    case "create-database":
      return withAdminClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(database)}`));
    case "drop-database":
      return withAdminClient(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`));
    default:
      throw new Error(`Unknown schema engine cli command: ${command}`);
  }
}

/** One-shot mode. On failure the CLI parses stderr as JSON lines, SKIPPING THE FIRST LINE: hence two lines. */
async function oneShot(command, url) {
  if (command === "version") return void process.stdout.write("schema-engine-cli (wasm shim)\n");
  try {
    await runDatabaseCommand(command, url);
  } catch (error) {
    process.stderr.write(logLine("INFO", { message: `schema engine shim: ${command}` }));
    process.stderr.write(logLine("ERROR", { is_panic: false, ...userFacingError(error, url) }).trimEnd());
    process.exitCode = 1;
  }
}

// --- JSON-RPC server -----------------------------------------------------------------------------------------

// CLI method name -> engine method name. Everything the migrate/db commands call; the CLI's
// getDatabaseDescription has no wasm counterpart and is not used by those commands.
const METHODS = {
  applyMigrations: "applyMigrations",
  createMigration: "createMigration",
  dbExecute: "dbExecute",
  debugPanic: "debugPanic",
  devDiagnostic: "devDiagnostic",
  diagnoseMigrationHistory: "diagnoseMigrationHistory",
  diff: "diff",
  ensureConnectionValidity: "ensureConnectionValidity",
  evaluateDataLoss: "evaluateDataLoss",
  getDatabaseVersion: "version",
  introspect: "introspect",
  introspectSql: "introspectSql",
  markMigrationApplied: "markMigrationApplied",
  markMigrationRolledBack: "markMigrationRolledBack",
  reset: "reset",
  schemaPush: "schemaPush",
};

function serve({ datamodels: files, datasource }) {
  const send = (message) => process.stdout.write(JSON.stringify(message) + "\n");
  let printId = 0;
  const datamodels = files.map((file) => [file, fs.readFileSync(path.resolve(file), "utf8")]);
  let enginePromise;
  // Created on first use, so that a broken datasource shows up as the error of the request that needs it.
  const getEngine = () =>
    (enginePromise ??= createEngine({
      datamodels,
      factory: createAdapterFactory(datasource),
      log: (line) => process.stderr.write(String(line).trimEnd() + "\n"), // same JSON log format as native
    }));

  async function call(method, params) {
    if (method === "createDatabase") {
      const url = params?.datasource?.tag === "ConnectionString" ? params.datasource.url : datasource.url;
      await runDatabaseCommand("create-database", url);
      return { databaseName: parseUrl(url).database };
    }
    if (!Object.hasOwn(METHODS, method)) throw new Error(`The schema engine shim does not implement the "${method}" method`);
    if (enginePanic) throw enginePanic; // after a panic no engine method is safe to call
    const engine = await getEngine();
    if (method === "debugPanic") return engine.debugPanic();
    let result;
    try {
      result = await engine[METHODS[method]](params); // called as a method: wasm-bindgen needs `this`
    } catch (error) {
      // Wasm engine gap: evaluateDataLoss/createMigration get no shadow-database factory and rely on a cache
      // of "schema after these migrations" that devDiagnostic filled for the migrations *already applied*.
      // When `migrate dev` has just applied pending migrations (fresh clone, teammate's migrations), the key
      // misses and they fail with "PostgreSQL shadow DB must be provided through an external factory".
      // diagnoseMigrationHistory with the shadow database fills the cache for the current list: then retry.
      if (!/shadow DB must be provided through an external factory/.test(error?.message) || !params?.migrationsList) throw error;
      await engine.diagnoseMigrationHistory({
        migrationsList: params.migrationsList,
        optInToShadowDatabase: true,
        filters: params.filters,
      });
      result = await engine[METHODS[method]](params);
    }
    if (method !== "diff") return result;
    // The wasm engine returns the diff; the native one prints it by sending the CLI a `print` request, and
    // the CLI only writes output that arrives that way (also what `migrate diff --output` captures).
    let content = result.stdout ?? "";
    if (!content.endsWith("\n")) content += "\n";
    send({ jsonrpc: "2.0", id: `print-${++printId}`, method: "print", params: { content } });
    return { exitCode: result.exitCode, stdout: null };
  }

  // Error shape of the native engine; the CLI shows `data.message`, prefixed by `data.error_code` when set.
  async function toRpcError(error) {
    const isPanic = error instanceof WebAssembly.RuntimeError;
    let message = isPanic ? panicRegistry.message || String(error) : String(error?.message ?? error);
    // JS exceptions inside the adapter reach the engine only as opaque "External error id#N": add their text.
    for (const text of takeAdapterErrors()) if (!message.includes(text)) message += `\n${text}`;
    const sqlError = takeLastScriptError();
    if (sqlError?.code)
      message += `\nDatabase error code: ${sqlError.code}\nDatabase error:\n${sqlError.severity ?? "ERROR"}: ${sqlError.message}`;
    const data = { is_panic: isPanic, message, meta: null, error_code: error?.code };
    return { code: 4466, message: isPanic ? message : "An error happened. Check the data field for details.", data };
  }

  let queue = Promise.resolve(); // one request at a time, in order, like the native engine's CLI usage
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on("line", (line) => {
    queue = queue.then(async () => {
      let request;
      try {
        request = JSON.parse(line);
      } catch {
        return;
      }
      if (!request.method) return; // the CLI's reply to one of our `print` requests
      takeLastScriptError();
      takeAdapterErrors(); // only failures of *this* request may be reported with it
      try {
        // A Rust panic inside an async engine call surfaces as an uncaught exception, and the call's promise
        // never settles: `fatal` rejects this race instead, so the CLI still gets an answer.
        const result = await new Promise((resolve, reject) => {
          failCurrentRequest = reject;
          call(request.method, request.params).then(resolve, reject);
        }).finally(() => {
          failCurrentRequest = null;
        });
        send({ jsonrpc: "2.0", id: request.id, result: result ?? {} });
      } catch (error) {
        send({ jsonrpc: "2.0", id: request.id, error: await toRpcError(error) });
      }
    });
  });
  // The CLI ends stdin when done: finish the current request, release connections and leave.
  rl.on("close", () => queue.then(shutdown));
}

let failCurrentRequest = null;
let enginePanic = null;
let shuttingDown = false;
async function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  setTimeout(() => process.exit(code), 10_000).unref(); // never hang on a stuck connection
  await closeAll();
  process.exit(code);
}

// The CLI also kills the engine right after ending stdin (SIGTERM): still end pools and drop shadow databases.
process.on("SIGTERM", () => shutdown(0));
process.on("SIGINT", () => shutdown(130));
// Anything unexpected during a request (typically a wasm panic: RuntimeError "unreachable") becomes that
// request's error response. Exiting instead is worse: the CLI then ends silently, with exit code 0.
// Outside a request: report it like the native engine (JSON log line on stderr) and exit 1.
const fatal = (error) => {
  if (error instanceof WebAssembly.RuntimeError) enginePanic = error;
  if (failCurrentRequest) return failCurrentRequest(error);
  process.stderr.write(logLine("ERROR", { is_panic: false, message: String(error?.stack ?? error) }));
  shutdown(1);
};
process.on("uncaughtException", fatal);
process.on("unhandledRejection", fatal);

const args = parseArgs(process.argv.slice(2));
if (args.cli) await oneShot(args.cli, args.datasource.url);
else serve(args);
