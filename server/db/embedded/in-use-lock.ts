import "server-only";
import { setTimeout as delay } from "node:timers/promises";
import pg from "pg";
import { logger } from "@/server/logging/logger";
import { isConnectionLost } from "../connection-lost";
import { embeddedDatabaseUrl } from "./embedded-url";
import { ensurePostmaster } from "./ensure-postmaster";
import { postmasterState } from "./postmaster";

/**
 * Every process that uses the embedded server holds this advisory lock in shared mode, on a
 * connection of its own, for as long as it runs. A leaving process stops the server only if it can
 * take the lock exclusively, i.e. nobody else uses it: "the last one out turns off the lights".
 */
export const IN_USE_LOCK = 7_305_821_114;

/** How often the holder checks that the server and its connection are alive. */
const PROBE_MS = 1_000;

/**
 * Holds the in-use lock and keeps holding it. The lock lives as long as its connection, and a
 * connection dies with the server (killed, restarted, crashed): then the holder restarts a dead
 * server (one process does, under the control lock; see ensure-postmaster.ts) and takes the lock
 * again, so that after every reconnect the processes that use the server are counted again and
 * nobody stops it under them.
 */
export class InUseLock {
  private client: pg.Client | undefined;
  private stopping = false;
  private wakeUp = new AbortController();
  private loop: Promise<void> | undefined;

  /** Takes the lock; throws if the server cannot be reached (the caller decides whether to retry). */
  async take(): Promise<void> {
    this.client = await this.connect();
    this.loop ??= this.keep();
  }

  /** Lets go of the lock (this process no longer uses the server) and stops watching. */
  async release(): Promise<void> {
    this.stopping = true;
    this.wakeUp.abort();
    await this.loop;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: embeddedDatabaseUrl("postgres") });
    // A lost connection wakes the keeper at once instead of at its next probe.
    client.on("error", () => this.wakeUp.abort());
    client.on("end", () => this.wakeUp.abort());
    try {
      await client.connect();
      await client.query("SELECT pg_advisory_lock_shared($1)", [IN_USE_LOCK]);
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
  }

  private async keep(): Promise<void> {
    let outage: { since: number; reported: boolean } | undefined;
    while (!this.stopping) {
      // Probe every second; while reconnecting, retry sooner at first (a restart takes a few seconds).
      await this.sleep(outage ? Math.min(PROBE_MS, 250 + (Date.now() - outage.since) / 10) : PROBE_MS);
      if (this.stopping || (await this.holding())) continue;
      if (!outage)
        logger.warn(
          { component: "embedded-db" },
          "lost the connection to the embedded PostgreSQL: reconnecting (restarting it if it died)",
        );
      const current = (outage ??= { since: Date.now(), reported: false });
      try {
        await this.reconnect();
        logger.info(
          { component: "embedded-db", afterMs: Date.now() - current.since },
          "reconnected to the embedded PostgreSQL and took its in-use lock again",
        );
        outage = undefined;
      } catch (err) {
        // Refused connections are the outage itself; anything else (pg_ctl failing) is said once per outage.
        if (isConnectionLost(err) || current.reported) continue;
        logger.error({ err, component: "embedded-db" }, "cannot restart the embedded PostgreSQL");
        current.reported = true;
      }
    }
  }

  private async reconnect(): Promise<void> {
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
    await ensurePostmaster();
    this.client = await this.connect();
  }

  /** The server runs and our lock's connection answers. */
  private async holding(): Promise<boolean> {
    if (!this.client || postmasterState().status !== "running") return false;
    try {
      await this.client.query("SELECT 1");
      return true;
    } catch {
      return false;
    }
  }

  /** Waits `ms`, or until a lost connection wakes the keeper. */
  private async sleep(ms: number): Promise<void> {
    if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
    await delay(ms, undefined, { signal: this.wakeUp.signal }).catch(() => undefined);
  }
}
