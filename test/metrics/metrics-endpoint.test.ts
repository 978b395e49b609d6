import "../support/use-own-database";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/metrics/route";
import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { call, tokenFor } from "../support/api-client";
import { finishRun } from "@/server/executor/fenced-writes";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { cliActor } from "@/server/recovery/recovery-actor";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  type: string;
  help: string;
  samples: Sample[];
}

/** A strict reader of the Prometheus text format (0.0.4): fails on any line it does not understand. */
function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  let current: Family | undefined;
  let currentName = "";
  for (const line of text.split("\n")) {
    if (line === "") continue;
    let m = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (m) {
      current = { type: "", help: m[2], samples: [] };
      currentName = m[1];
      families.set(m[1], current);
      continue;
    }
    m = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (m) {
      expect(m[1]).toBe(currentName);
      current!.type = m[2];
      continue;
    }
    m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a valid exposition line: ${line}`);
    const [, name, labelText = "", value] = m;
    const suffix = current?.type === "histogram" ? /^(.*)_(bucket|sum|count)$/.exec(name)?.[1] : name;
    expect(suffix, `sample ${name} belongs to the family ${currentName}`).toBe(currentName);
    const labels: Record<string, string> = {};
    const labelRe = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(,|$)/gy;
    let lm: RegExpExecArray | null;
    let consumed = 0;
    while ((lm = labelRe.exec(labelText))) {
      labels[lm[1]] = lm[2].replace(/\\(.)/g, (_, c) => (c === "n" ? "\n" : c));
      consumed = labelRe.lastIndex;
    }
    expect(consumed, `labels of ${line}`).toBe(labelText.length);
    const n = value === "+Inf" ? Infinity : value === "-Inf" ? -Infinity : Number(value);
    expect(Number.isNaN(n), line).toBe(false);
    current!.samples.push({ name, labels, value: n });
  }
  return families;
}

const valueOf = (f: Map<string, Family>, family: string, name: string, labels: Record<string, string>) =>
  f.get(family)!.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

let viewer: string;
beforeAll(async () => {
  viewer = (await tokenFor("viewer")).token;
});
afterEach(() => {
  env.METRICS_PUBLIC = false;
});

describe("GET /api/metrics", () => {
  it("exposes every metric family with its type and the database's numbers", async () => {
    const db = await getDb();
    const dead = await createInstance({ heartbeatAgeSeconds: 600 });
    const alive = await createInstance({ heartbeatAgeSeconds: 2 });
    const oddHost = randomUUID();
    await db.$executeRaw`INSERT INTO executor_instances (id, kind, host, pid, heartbeat_at) VALUES (${oddHost}::uuid, 'server', ${'rack "7"\\east'}, 1, now() - interval '5 seconds')`;
    const gone = await createInstance({ stopped: true });
    const [deadTask, orphan, healthy, history] = await Promise.all([createTask(), createTask(), createTask(), createTask()]);
    await makeRunning(deadTask.id, { ownerId: dead, heartbeatAgeSeconds: 600 });
    await makeRunning(orphan.id, { ownerId: null });
    await makeRunning(healthy.id, { ownerId: alive, heartbeatAgeSeconds: 1 });
    const runs: Array<[number, string]> = [
      [0.5, "completed"],
      [3, "completed"],
      [45, "completed"],
      [4_000, "completed"],
      [20, "failed"],
    ];
    for (const [i, [seconds, outcome]] of runs.entries()) {
      await db.$executeRaw`INSERT INTO task_runs (task_id, attempt, started_at, finished_at, outcome)
        VALUES (${history.id}, ${100 + i}, now() - make_interval(secs => ${seconds}), now(), ${outcome})`;
    }
    await db.recoveryAudit.createMany({
      data: ["auto", "auto", "force"].map((mode) => ({
        taskId: history.id,
        taskName: history.name,
        actorType: "user",
        actorLabel: "t",
        mode,
        reasonCode: "x",
        reasonText: "x",
        newStatus: "pending" as const,
        priorStatus: "running" as const,
        priorAttempt: 1,
      })),
    });
    await db.alertState.create({ data: { ruleName: "stuck_tasks", firing: true, lastFiredAt: new Date() } });

    const res = await call(metrics, "/api/metrics", { token: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const f = parseExposition(res.body as unknown as string);

    expect(Object.fromEntries([...f].map(([name, fam]) => [name, fam.type]))).toEqual({
      easysight_stuck_tasks: "gauge",
      easysight_running_tasks: "gauge",
      easysight_task_runtime_seconds: "histogram",
      easysight_recoveries_total: "counter",
      easysight_executor_heartbeat_age_seconds: "gauge",
      easysight_alerts_firing: "gauge",
      easysight_camera_findings: "gauge",
    });
    expect(f.get("easysight_stuck_tasks")!.samples.map((s) => [s.labels.reason, s.value])).toEqual([
      ["no_owner", 1],
      ["executor_dead", 1],
      ["not_in_running_set", 0],
      ["heartbeat_stale", 0],
      ["runtime_exceeded", 0],
    ]);
    expect(valueOf(f, "easysight_running_tasks", "easysight_running_tasks", {})).toBe(3);

    const bucket = (le: string, outcome = "completed") =>
      valueOf(f, "easysight_task_runtime_seconds", "easysight_task_runtime_seconds_bucket", { outcome, le });
    expect(["1", "5", "30", "60", "3600", "7200", "+Inf"].map((le) => bucket(le))).toEqual([1, 2, 2, 3, 3, 4, 4]);
    expect(valueOf(f, "easysight_task_runtime_seconds", "easysight_task_runtime_seconds_count", { outcome: "completed" })).toBe(4);
    expect(valueOf(f, "easysight_task_runtime_seconds", "easysight_task_runtime_seconds_sum", { outcome: "completed" })).toBeCloseTo(
      4_048.5,
      0,
    );
    expect(bucket("10", "failed")).toBe(0);
    expect(bucket("30", "failed")).toBe(1);

    expect(valueOf(f, "easysight_recoveries_total", "easysight_recoveries_total", { mode: "auto" })).toBe(2);
    expect(valueOf(f, "easysight_recoveries_total", "easysight_recoveries_total", { mode: "force" })).toBe(1);
    expect(valueOf(f, "easysight_recoveries_total", "easysight_recoveries_total", { mode: "manual" })).toBe(0);

    const ages = f.get("easysight_executor_heartbeat_age_seconds")!.samples;
    expect(ages.find((s) => s.labels.instance === dead)).toMatchObject({ labels: { host: "test-host", kind: "worker" } });
    expect(ages.find((s) => s.labels.instance === dead)!.value).toBeGreaterThanOrEqual(600);
    expect(ages.find((s) => s.labels.instance === alive)!.value).toBeLessThan(60);
    expect(ages.find((s) => s.labels.instance === oddHost)!.labels.host).toBe('rack "7"\\east');
    expect(ages.some((s) => s.labels.instance === gone)).toBe(false);

    expect(f.get("easysight_alerts_firing")!.samples).toEqual([
      { name: "easysight_alerts_firing", labels: { rule: "stuck_tasks" }, value: 1 },
    ]);
  });

  it("the runtime histogram counts each run once when it ends, by the executor or by a recovery, and keeps it after the task is deleted", async () => {
    const db = await getDb();
    const scrape = async () => parseExposition((await call(metrics, "/api/metrics", { token: viewer })).body as unknown as string);
    const count = (f: Map<string, Family>, outcome: string) =>
      valueOf(f, "easysight_task_runtime_seconds", "easysight_task_runtime_seconds_count", { outcome }) ?? 0;
    const before = await scrape();
    const alive = await createInstance({ heartbeatAgeSeconds: 1 });
    const finished = await createTask();
    const lease = await makeRunning(finished.id, { ownerId: alive });
    const stuck = await createTask();
    await makeRunning(stuck.id, { ownerId: await createInstance({ heartbeatAgeSeconds: 900 }), heartbeatAgeSeconds: 900 });

    expect(await finishRun(lease, { outcome: "completed", nextRunTime: null, note: null })).toBe(true);
    expect((await recoverStuckTasks({ taskIds: [stuck.id], mode: "cli", actor: cliActor() })).reset).toHaveLength(1);
    await db.$executeRaw`UPDATE task_runs SET error = 'touched' WHERE task_id = ${finished.id}`;
    await db.diagnosisTask.delete({ where: { id: finished.id } });

    const after = await scrape();
    expect(count(after, "completed") - count(before, "completed")).toBe(1);
    expect(count(after, "reset") - count(before, "reset")).toBe(1);
  });

  it("needs a token of any role or a session; METRICS_PUBLIC=1 opens it", async () => {
    const anonymous = await call(metrics, "/api/metrics");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: "unauthorized" });
    expect((await call(metrics, "/api/metrics", { token: "es_wrong" })).status).toBe(401);
    expect((await call(metrics, "/api/metrics", { token: viewer })).status).toBe(200);
    env.METRICS_PUBLIC = true;
    const open = await call(metrics, "/api/metrics");
    expect(open.status).toBe(200);
    expect(open.body as unknown as string).toContain("# TYPE easysight_running_tasks gauge");
  });

  it("a database failure is a 500 with a plain sentence, nothing internal", async () => {
    const db = await getDb();
    await db.$executeRawUnsafe("ALTER TABLE task_runtime_buckets RENAME TO buckets_away");
    try {
      const res = await call(metrics, "/api/metrics", { token: viewer });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        error: "internal_server_error",
        message: "服务器内部出错，详情见服务器日志 (something went wrong on the server; the details are in the server log).",
      });
    } finally {
      await db.$executeRawUnsafe("ALTER TABLE buckets_away RENAME TO task_runtime_buckets");
    }
  });
});
