import { getPool } from "@/server/db/client";
import { Waker } from "@/server/executor/sleep";
import { logger } from "@/server/logging/logger";
import { pruneHistory, type PruneResult } from "./prune-history";

/** Held while one process prunes: the others skip that round instead of deleting the same rows. */
export const PRUNE_LOCK = 0x65_61_73_79_70_72; // "easypr"

export interface RetentionJobOptions {
  olderThanDays: number;
  intervalMs: number;
}

/**
 * RETENTION_DAYS, when set: every server and worker prunes the history (see pruneHistory) about once
 * an interval, one process at a time (a PostgreSQL advisory lock), at a random moment in the first
 * interval so that processes started together do not all try at once.
 */
export class RetentionJob {
  private stopping = false;
  private readonly waker = new Waker();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: RetentionJobOptions) {}

  start() {
    this.loop = this.run();
  }

  async stop() {
    this.stopping = true;
    this.waker.wake();
    await this.loop;
  }

  /** One round: the pruning done, or null when another process was pruning. */
  async runOnce(): Promise<PruneResult | null> {
    const client = await (await getPool()).connect();
    try {
      const { rows } = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock($1) AS got", [PRUNE_LOCK]);
      if (!rows[0].got) return null;
      try {
        return await pruneHistory({ olderThanDays: this.options.olderThanDays });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [PRUNE_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  private async run() {
    await this.waker.sleep(Math.random() * this.options.intervalMs);
    while (!this.stopping) {
      try {
        const pruned = await this.runOnce();
        if (pruned && pruned.runs + pruned.metricSamples + pruned.alertEvents > 0) logger.info({ component: "retention", ...pruned }, "pruned history");
      } catch (err) {
        logger.error({ err, component: "retention" }, "pruning history failed");
      }
      await this.waker.sleep(this.options.intervalMs * (0.9 + Math.random() * 0.2));
    }
  }
}
