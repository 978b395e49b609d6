import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { dataDir, env } from "@/server/config/env";
import { chownToPostgres, pgBinaries, runPgBinary } from "./run-as-postgres";

/**
 * The default database: a real PostgreSQL whose binaries come from npm, with its data in the
 * project's DATA_DIR. Any number of processes (web server, CLI, worker) share it: the first one
 * starts it, the others find it through PostgreSQL's own postmaster.pid and connect, and the last
 * one to leave stops it.
 */
export interface EmbeddedDatabase {
  url: string;
  /** The application database did not exist before this call. */
  created: boolean;
  /** Stop using it; the last process to leave stops the server. */
  release(): Promise<void>;
}

const DB_NAME = "easysight";
const pgDir = () => path.join(dataDir, "postgres");
const passwordFile = () => path.join(dataDir, "postgres-password");
/**
 * Every process that uses the embedded server holds this advisory lock in shared mode on one
 * connection for as long as it runs. A leaving process stops the server only if it can take the lock
 * exclusively, i.e. nobody else is using it: "the last one out turns off the lights".
 */
const IN_USE_LOCK = 7_305_821_114;

export async function openEmbeddedDatabase(): Promise<EmbeddedDatabase> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  await assertReachableByPostgres(pgDir());
  await initialiseOnce();
  for (let attempt = 1; ; attempt++) {
    try {
      return await joinServer();
    } catch (err) {
      // The server was being stopped by the last process leaving it just as we arrived: start it again.
      if (attempt >= 5 || !isConnectionLost(err)) throw err;
      await sleep(200 * attempt);
    }
  }
}

/**
 * The embedded database's URL, whether its server runs or not: connecting is all a client does
 * (openEmbeddedDatabase starts the server). Every process on one DATA_DIR uses EMBEDDED_PG_PORT.
 */
export function embeddedDatabaseUrl(database = DB_NAME): string {
  if (!existsSync(passwordFile())) {
    throw new Error(
      `The embedded database in ${dataDir} is not set up yet: start the server (npm start) or run a command that uses it first.`,
    );
  }
  const password = readFileSync(passwordFile(), "utf8").trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/${database}`;
}

async function joinServer(): Promise<EmbeddedDatabase> {
  let port = runningPort();
  if (port === undefined) {
    await startServer();
    port = runningPort();
    if (port === undefined) throw new Error(`The embedded PostgreSQL did not start; see ${path.join(pgDir(), "server.log")}.`);
  }
  if (port !== env.EMBEDDED_PG_PORT) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir()} runs on port ${port}, but EMBEDDED_PG_PORT is ${env.EMBEDDED_PG_PORT}: ` +
        `every process on one DATA_DIR must use the same EMBEDDED_PG_PORT.`,
    );
  }
  const holder = new pg.Client({ connectionString: embeddedDatabaseUrl("postgres") });
  holder.on("error", () => undefined); // the server going away is handled by whoever uses it next
  let created: boolean;
  try {
    await holder.connect();
    await holder.query("SELECT pg_advisory_lock_shared($1)", [IN_USE_LOCK]);
    created = await createDatabaseIfMissing(holder);
  } catch (err) {
    await holder.end().catch(() => undefined);
    throw err;
  }
  return {
    url: embeddedDatabaseUrl(),
    created,
    release: async () => {
      await holder.end().catch(() => undefined);
      await stopIfUnused(embeddedDatabaseUrl("postgres"));
    },
  };
}

const isConnectionLost = (err: unknown) =>
  ["ECONNREFUSED", "ECONNRESET", "57P01", "57P03"].includes((err as { code?: string }).code ?? "") ||
  /Connection terminated/.test((err as Error).message ?? "");

/** Port of the server that holds the data directory, if one is alive (line 4 of postmaster.pid). */
function runningPort(): number | undefined {
  const pidFile = path.join(pgDir(), "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return undefined;
  }
  return Number(lines[3]) || undefined;
}

async function initialiseOnce(): Promise<void> {
  // The password file is written last, so it marks a finished initialisation (PG_VERSION appears early).
  if (existsSync(passwordFile())) return;
  const lock = path.join(dataDir, "postgres-init.lock");
  try {
    await fs.mkdir(lock);
  } catch {
    // Another process is initialising the same directory: wait for it rather than race it.
    for (let i = 0; i < 600 && !existsSync(passwordFile()); i++) await sleep(100);
    return;
  }
  try {
    const password = randomBytes(24).toString("base64url");
    await fs.rm(pgDir(), { recursive: true, force: true });
    await fs.mkdir(pgDir(), { mode: 0o700 });
    await chownToPostgres(pgDir());
    const pwTemp = path.join(dataDir, ".initdb-pw");
    await fs.writeFile(pwTemp, password + "\n", { mode: 0o600 });
    await chownToPostgres(pwTemp);
    const { initdb } = await pgBinaries();
    const flags = ["--auth=scram-sha-256", "--username=postgres", "--encoding=UTF8", "--locale=C"];
    await runPgBinary(initdb, [`--pgdata=${pgDir()}`, `--pwfile=${pwTemp}`, ...flags]);
    await fs.rm(pwTemp);
    await fs.writeFile(passwordFile(), password + "\n", { mode: 0o600 });
  } finally {
    await fs.rm(lock, { recursive: true, force: true });
  }
}

/** Starts the server detached (it outlives this process); losing a start race to another process is fine. */
async function startServer(): Promise<void> {
  const { pg_ctl } = await pgBinaries();
  const options = `-p ${env.EMBEDDED_PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  try {
    await runPgBinary(pg_ctl, ["-D", pgDir(), "-l", path.join(pgDir(), "server.log"), "-w", "-t", "60", "-o", options, "start"]);
  } catch (err) {
    if (runningPort() !== undefined) return;
    const log = await fs.readFile(path.join(pgDir(), "server.log"), "utf8").catch(() => "");
    if (/could not bind|Address already in use/.test(log.slice(-2000))) {
      throw new Error(`Port ${env.EMBEDDED_PG_PORT} is taken by another program: set EMBEDDED_PG_PORT to a free port.`);
    }
    throw err;
  }
}

async function createDatabaseIfMissing(client: pg.Client): Promise<boolean> {
  const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DB_NAME]);
  if (rowCount) return false;
  try {
    await client.query(`CREATE DATABASE ${DB_NAME}`);
    return true;
  } catch (err) {
    // Created by a concurrent process: "already exists", or a unique violation when both raced.
    if (["42P04", "23505"].includes((err as { code?: string }).code ?? "")) return false;
    throw err;
  }
}

async function stopIfUnused(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS free", [IN_USE_LOCK]);
    if (!rows[0].free) return; // another process still uses it and will stop it when it leaves
    const { pg_ctl } = await pgBinaries();
    await runPgBinary(pg_ctl, ["-D", pgDir(), "-m", "fast", "-w", "stop"]);
  } catch {
    // Already stopped, or stopping: nothing left to do.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL runs as the `postgres` user when we are root: every folder above the data must be enterable. */
async function assertReachableByPostgres(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
    const { mode } = await fs.stat(d);
    if (!(mode & 0o001)) {
      throw new Error(
        `The embedded PostgreSQL runs as the system user "postgres", which cannot enter ${d}. ` +
          `Set DATA_DIR to a folder it can reach (for example /var/lib/easysight), or set DATABASE_URL.`,
      );
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
