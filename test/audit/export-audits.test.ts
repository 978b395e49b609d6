import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportRoute } from "@/app/api/diagnosis/recoveries/export/route";
import { call, tokenFor } from "../support/api-client";
import { uniqueName } from "../support/unique";
import { auditRows } from "./audit-fixtures";

let viewer: string;
beforeAll(async () => {
  viewer = (await tokenFor("viewer")).token;
});

const exportOf = (query: string, token: string | null = viewer) =>
  call(exportRoute, `/api/diagnosis/recoveries/export?${query}`, { token: token ?? undefined });

/** A minimal RFC 4180 reader, to check that what we write reads back exactly. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [],
    cell = "",
    quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  return rows;
}

describe("GET /api/diagnosis/recoveries/export", () => {
  it("CSV: a BOM, a header row, RFC 4180 quoting, Chinese intact, and an attachment name with the time", async () => {
    const taskName = `${uniqueName("导出")}, "引号"\n第二行`;
    const { taskId } = await auditRows(2, { taskName, reasonText: '=HYPERLINK("x")' });
    // Read as bytes: Response.text() would drop the BOM this test is about.
    const req = new Request(`http://localhost/api/diagnosis/recoveries/export?format=csv&task_id=${taskId}`, {
      headers: { authorization: `Bearer ${viewer}` },
    });
    const res = await exportRoute(req, { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="recoveries-\d{8}-\d{4}\.csv"$/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([
      "id",
      "task_id",
      "task_name",
      "recovered_at",
      "actor_type",
      "actor_user_id",
      "actor_token_id",
      "actor_label",
      "mode",
      "reason_code",
      "reason_text",
      "new_status",
      "prior_status",
      "prior_owner_instance_id",
      "prior_attempt",
      "prior_started_at",
      "prior_heartbeat_at",
      "prior_last_run_time",
      "reason_runtime_limit",
      "stopped_phase",
      "stopped_camera_name",
      "stopped_index",
      "stopped_total",
      "stopped_waited_minutes",
      "stopped_where",
      "prior_owner",
    ]);
    expect(rows).toHaveLength(3);
    const record = Object.fromEntries(rows[0].map((h, i) => [h, rows[1][i]]));
    expect(record).toMatchObject({
      task_id: String(taskId),
      task_name: taskName,
      mode: "bulk",
      reason_text: '\'=HYPERLINK("x")',
      prior_attempt: "1",
      actor_user_id: "",
    });
    expect(record.recovered_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("JSON: an array of rows with the table's column names, filtered like the list", async () => {
    const { taskId, taskName } = await auditRows(3, { mode: "auto", actorType: "watchdog" });
    await auditRows(1, { taskId, taskName, mode: "manual" });
    const res = await exportOf(`format=json&task_id=${taskId}&mode=auto`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/filename="recoveries-\d{8}-\d{4}\.json"/);
    const rows = res.body as unknown as Array<Record<string, unknown>>;
    expect(rows.map((r) => [r.mode, r.prior_attempt])).toEqual([
      ["auto", 1],
      ["auto", 2],
      ["auto", 3],
    ]);
    expect(rows[0]).toMatchObject({ task_id: taskId, task_name: taskName, actor_type: "watchdog", new_status: "pending" });
    expect(await exportOf(`format=json&task_id=${taskId}&mode=force`).then((r) => r.body)).toEqual([]);
  });

  it("a log longer than one read batch comes out whole, once each, newest first, even with equal timestamps", async () => {
    const minutesAgo = Array.from({ length: 2_345 }, (_, i) => (i < 1_500 ? 0 : i));
    const { taskId } = await auditRows(2_345, {}, minutesAgo);
    const rows = (await exportOf(`format=json&task_id=${taskId}`)).body as unknown as Array<{ id: string; recovered_at: string }>;
    expect(rows).toHaveLength(2_345);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2_345);
    const order = rows.map((r) => [Date.parse(r.recovered_at), BigInt(r.id)] as const);
    expect(order.every(([t, id], i) => i === 0 || t < order[i - 1][0] || (t === order[i - 1][0] && id < order[i - 1][1]))).toBe(true);
  });

  it("bad parameters are a 400 with a sentence naming the parameter", async () => {
    for (const [query, word] of [
      ["format=xml", "format"],
      ["mode=atuo", "mode"],
      ["task_id=abc", "task_id"],
      ["from=yesterday", "from"],
      ["from=2026-02-01&to=2026-01-01", "from"],
      ["taskid=3", "taskid"],
      ["task_id=1&task_id=2", "task_id"],
      ["actor_type=robot", "actor_type"],
    ]) {
      const res = await exportOf(query);
      expect(res.status, query).toBe(400);
      expect(res.body, query).toMatchObject({ error: "bad_request", message: expect.stringContaining(word) });
    }
  });

  it("needs a signed-in user or a token", async () => {
    const res = await exportOf("format=csv", null);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: "unauthorized" });
  });
});

describe("easysight audit (CLI)", () => {
  const cli = (args: string[]) =>
    promisify(execFile)(process.execPath, ["bin/easysight.mjs", ...args], { env: { ...process.env, LOG_LEVEL: "warn" } });

  it("lists a task's rows as JSON and exports them to a file", async () => {
    const { taskId, taskName } = await auditRows(2, { mode: "cli", actorType: "cli" });
    const listed = JSON.parse((await cli(["audit", "list", "--task", String(taskId), "--mode", "cli", "--json"])).stdout);
    expect(listed).toMatchObject({ total: 2, items: [{ taskId, taskName, mode: "cli", priorAttempt: 1 }, { priorAttempt: 2 }] });
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "audit-")), "out.csv");
    await cli(["audit", "export", "--format", "csv", "--task", String(taskId), "--out", out]);
    const lines = fs.readFileSync(out, "utf8").split("\r\n");
    expect(lines[0]).toMatch(/^\uFEFFid,task_id,task_name,/);
    expect(lines.filter((l) => l.includes(taskName))).toHaveLength(2);
    await expect(cli(["audit", "export", "--format", "xml"])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("--format must be csv or json"),
    });
  }, 60_000);
});
