import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { listAudits } from "@/server/recovery/audit/list-audits";
import { exportAudits } from "@/server/recovery/audit/export-audits";
import { auditRows } from "./audit-fixtures";

async function executor(host: string, pid: number) {
  const id = randomUUID();
  await (await getDb()).executorInstance.create({ data: { id, kind: "worker", host, pid } });
  return id;
}

async function exported(taskId: number) {
  let text = "";
  for await (const chunk of exportAudits({ taskId }, "json")) text += chunk;
  return JSON.parse(text) as Array<Record<string, unknown>>;
}

describe("executor names in the recovery audit", () => {
  it("the prior executor is named host:pid in the list and the export, beside its id; a vanished one is null", async () => {
    const dead = await executor("audit-dead-host", 3131);
    const { taskId, taskName } = await auditRows(1, { priorOwnerInstanceId: dead });
    await auditRows(1, { taskId, taskName, priorOwnerInstanceId: randomUUID() }, [5]);
    await auditRows(1, { taskId, taskName, priorOwnerInstanceId: null }, [10]);

    const page = await listAudits({ taskId });
    expect(page.items.map((a) => a.priorOwner)).toEqual(["audit-dead-host:3131", null, null]);
    const rows = await exported(taskId);
    expect(rows.map((r) => [r.prior_owner_instance_id, r.prior_owner])).toEqual([
      [dead, "audit-dead-host:3131"],
      [page.items[1].priorOwnerInstanceId, null],
      [null, null],
    ]);
  });

  it("the migration rewrites old watchdog labels, 'watchdog (host:pid)' and 'watchdog (<instance id>)', to host:pid", async () => {
    const instance = await executor("audit-watchdog-host", 5151);
    const { taskId, taskName } = await auditRows(1, { actorType: "watchdog", actorLabel: "watchdog (old-host:77)" });
    const older = { taskId, taskName, actorType: "watchdog" };
    await auditRows(1, { ...older, actorLabel: `watchdog (${instance})` }, [5]);
    await auditRows(1, { ...older, actorLabel: "new-host:88" }, [10]);
    // A user who happens to be called that keeps the name.
    await auditRows(1, { taskId, taskName, actorType: "user", actorLabel: "watchdog (me)" }, [15]);

    const sql = fs.readFileSync(path.join("prisma", "migrations", "20261207180000_watchdog_audit_label", "migration.sql"), "utf8");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    const page = await listAudits({ taskId });
    expect(page.items.map((a) => a.actorLabel)).toEqual(["old-host:77", "audit-watchdog-host:5151", "new-host:88", "watchdog (me)"]);
  });
});
