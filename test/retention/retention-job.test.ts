import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { getDb, getPool } from "@/server/db/client";
import { PRUNE_LOCK, RetentionJob } from "@/server/retention/retention-job";
import { waitFor } from "../support/wait-for";

const oldSample = async () =>
  (await getDb()).metricSample.create({ data: { sampledAt: new Date(Date.now() - 40 * 86_400_000), runningTasks: 0, stuckTasks: 0 } });

describe("RETENTION_DAYS: the retention job", () => {
  it("one process prunes at a time: while another holds the lock, a round deletes nothing", async () => {
    const sample = await oldSample();
    const other = await (await getPool()).connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [PRUNE_LOCK]);
      const job = new RetentionJob({ olderThanDays: 30, intervalMs: 3_600_000 });
      expect(await job.runOnce()).toBeNull();
      expect(await (await getDb()).metricSample.count({ where: { id: sample.id } })).toBe(1);
      await other.query("SELECT pg_advisory_unlock($1)", [PRUNE_LOCK]);
      expect(await job.runOnce()).toMatchObject({ metricSamples: 1 });
      expect(await (await getDb()).metricSample.count({ where: { id: sample.id } })).toBe(0);
    } finally {
      other.release();
    }
  });

  it("started, it prunes by itself within its interval, and stops when told", async () => {
    const job = new RetentionJob({ olderThanDays: 30, intervalMs: 300 });
    job.start();
    try {
      const sample = await oldSample();
      await waitFor(
        async () => (await (await getDb()).metricSample.count({ where: { id: sample.id } })) === 0,
        10_000,
        () => "the job to prune an old sample",
      );
    } finally {
      await job.stop();
    }
  });
});
