import "server-only";
import pg from "pg";
import { env } from "@/server/config/env";
import { isConnectionLost } from "../connection-lost";
import { embeddedDatabaseUrl, EMBEDDED_DB_NAME } from "./embedded-url";
import { ensurePostmaster, type PostmasterOutcome } from "./ensure-postmaster";
import { IN_USE_LOCK, InUseLock } from "./in-use-lock";
import { initialiseOnce } from "./initialise";
import { pgDir } from "./paths";
import { postmasterState, stopPostmaster } from "./postmaster";
import { withControlLock } from "./control-lock";

/**
 * The default database: a real PostgreSQL whose binaries come from npm, with its data in the
 * project's DATA_DIR. Any number of processes (web servers, workers, CLI commands) share it: the
 * first one starts it, the others find it through PostgreSQL's own postmaster.pid and connect, each
 * holds the in-use lock while it uses it (and restarts it if it dies), and the last one to leave
 * stops it.
 */
export interface EmbeddedDatabase {
  url: string;
  /** Stop using it; see `command` for when that stops the server. */
  release(): Promise<void>;
}

export interface EmbeddedUse {
  /**
   * A short command (the CLI, a test run) stops the server when it leaves only if it started it
   * itself from a clean stop and nobody else holds it; one it found running or had to restart after
   * a crash it leaves running, because processes that use it may be reconnecting at that moment and
   * not hold their lock. Web servers and workers stop it whenever they leave last.
   */
  command: boolean;
}

export async function openEmbeddedDatabase(use: EmbeddedUse): Promise<EmbeddedDatabase> {
  await initialiseOnce();
  for (let attempt = 1; ; attempt++) {
    try {
      return await joinServer(use);
    } catch (err) {
      // The server was being stopped by the last process leaving it just as we arrived: start it again.
      if (attempt >= 5 || !isConnectionLost(err)) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

async function joinServer(use: EmbeddedUse): Promise<EmbeddedDatabase> {
  const outcome = await ensurePostmaster();
  const running = postmasterState();
  if (running.status === "running" && running.port !== env.EMBEDDED_PG_PORT) {
    throw new Error(
      `The embedded PostgreSQL in ${pgDir()} runs on port ${running.port}, but EMBEDDED_PG_PORT is ${env.EMBEDDED_PG_PORT}: ` +
        `every process on one DATA_DIR must use the same EMBEDDED_PG_PORT.`,
    );
  }
  const inUse = new InUseLock();
  await inUse.take();
  await createDatabaseIfMissing().catch(async (err) => {
    await inUse.release();
    throw err;
  });
  return {
    url: embeddedDatabaseUrl(),
    release: async () => {
      await inUse.release();
      if (stopsOnLeaving(use, outcome)) await stopIfUnused();
    },
  };
}

const stopsOnLeaving = (use: EmbeddedUse, outcome: PostmasterOutcome) => !use.command || outcome === "started";

async function createDatabaseIfMissing(): Promise<void> {
  await withAdminClient(async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DB_NAME]);
    if (rowCount) return;
    await client.query(`CREATE DATABASE ${EMBEDDED_DB_NAME}`).catch((err: { code?: string }) => {
      // Created by a concurrent process: "already exists", or a unique violation when both raced.
      if (!["42P04", "23505"].includes(err.code ?? "")) throw err;
    });
  });
}

/** Stops the server if nobody holds the in-use lock; under the control lock, so that no process starts it meanwhile. */
async function stopIfUnused(): Promise<void> {
  await withControlLock(async () => {
    if (postmasterState().status !== "running") return;
    await withAdminClient(async (client) => {
      const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS free", [IN_USE_LOCK]);
      if (rows[0].free) await stopPostmaster(); // ends this session too
    }).catch(() => undefined); // already stopped, or stopping: nothing left to do
  });
}

async function withAdminClient<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl("postgres") });
  client.on("error", () => undefined); // the server going away is handled by whoever uses it next
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}
