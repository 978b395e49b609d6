import "server-only";
import { getPool } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { JitteredLoop } from "@/server/process/jittered-loop";
import { pruneHistory, type PruneResult } from "./prune-history";

/** Held while one process prunes: the others skip that round instead of deleting the same rows. */
export const PRUNE_LOCK = 0x65_61_73_79_70_72; // "easypr"

export interface RetentionJobOptions {
  olderThanDays: number;
  intervalMs: number;
}

/**
 * RETENTION_DAYS, when set: every server and worker prunes the history (see pruneHistory) about once
 * an interval (jittered: JitteredLoop), one process at a time (a PostgreSQL advisory lock).
 */
export class RetentionJob {
  private readonly loop: JitteredLoop;

  constructor(private readonly options: RetentionJobOptions) {
    this.loop = new JitteredLoop({
      component: "retention",
      intervalMs: options.intervalMs,
      failure: "pruning history failed",
      round: async () => {
        const pruned = await this.runOnce();
        if (pruned && pruned.runs + pruned.metricSamples + pruned.alertEvents > 0)
          logger.info({ component: "retention", ...pruned }, "pruned history");
      },
    });
  }

  start() {
    this.loop.start();
  }

  stop() {
    return this.loop.stop();
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
}
