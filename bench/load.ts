/**
 * HTTP load on the production server (`next start`) over 100k tasks of which 10k are running:
 * wrk with 200 connections against GET /api/diagnosis/tasks/status-check and the task list
 * (GET /api/trpc/tasks.list, bearer token), each on a freshly started server. Reports requests/s,
 * p50/p99 latency, errors (non-2xx and socket errors: must be 0) and the server's peak RSS; then
 * EXPLAINs the SQL the task list really sends (captured from the pg driver) to show its plans.
 * Exits 1 on errors. Needs `npm run build` and wrk (`apt-get install -y wrk`).
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/load.ts [seconds=60] [connections=200]
 *
 * The server runs with EXECUTOR_ENABLED=0 and WATCHDOG_ENABLED=0: the figures are the API's alone,
 * and the 10k running tasks (owned by fake executors) stay as they are.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { throwawayDatabase } from "@/harness/throwaway-database";
import { stats } from "./stats";
import { printTable } from "@/harness/invariants";
import { adminToken, clusterEnv, loadAverage, peakRssMb, requireBuild, startWeb } from "@/harness/processes";
import { openPool } from "@/harness/sql";
import { loadTasks } from "@/harness/load-fixture";

const DURATION = Number(process.argv[2] ?? 60);
const CONNECTIONS = Number(process.argv[3] ?? 200);
const TOTAL = 100_000;
const RUNNING = 10_000;
const DEAD_OWNED = 1_000; // of the running ones: owned by a dead executor, so status-check has stuck tasks to report

const LIST_INPUTS: Record<string, object> = {
  "default page (id order)": { page: 1, pageSize: 50 },
  "running, by last run": { status: ["running"], sort: "lastRunTime", dir: "desc", page: 1, pageSize: 50 },
  "page 1000 (offset 49950)": { page: 1000, pageSize: 50 },
  "name search": { q: "task 4242", page: 1, pageSize: 50 },
};
const trpcList = (input: object) => `/api/trpc/tasks.list?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

const build = requireBuild();
const database = await throwawayDatabase("easysight_bench_load");
const pool = openPool(database.url);

interface WrkResult {
  rps: number;
  p50: string;
  p99: string;
  requests: number;
  non2xx: number;
  socketErrors: number;
  transfer: string;
}

const unitMs = (v: string) => {
  const m = /([\d.]+)(us|ms|s|m)/.exec(v);
  if (!m) return v;
  const ms = Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[m[2]];
  return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
};

async function wrk(url: string, token: string, connections: number, seconds: number): Promise<WrkResult> {
  const { stdout } = await promisify(execFile)(
    "wrk",
    [
      `-t${Math.min(2, connections)}`,
      `-c${connections}`,
      `-d${seconds}s`,
      "--timeout",
      "30s",
      "--latency",
      "-H",
      `Authorization: Bearer ${token}`,
      url,
    ],
    { maxBuffer: 10_000_000 },
  );
  const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/),
    p50: unitMs(/\s50%\s+(\S+)/.exec(stdout)?.[1] ?? "-"),
    p99: unitMs(/\s99%\s+(\S+)/.exec(stdout)?.[1] ?? "-"),
    requests: num(/(\d+) requests in/),
    non2xx: num(/Non-2xx or 3xx responses: (\d+)/),
    socketErrors: socket ? socket.slice(1).reduce((s, n) => s + Number(n), 0) : 0,
    transfer: /Transfer\/sec:\s+(\S+)/.exec(stdout)?.[1] ?? "-",
  };
}

/**
 * The server's own time for 30 requests in a row, from the Server-Timing header (its `dur` values
 * added up), as "p50 / p95"; "-" when the route sends none.
 */
async function serverTimings(url: string, token: string): Promise<string> {
  const totals: number[] = [];
  for (let i = 0; i < 30; i++) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    const header = res.headers.get("server-timing");
    if (!header) return "-";
    totals.push([...header.matchAll(/dur=([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0));
  }
  const s = stats(totals);
  return `${s.p50.toFixed(1)} ms / ${s.p95.toFixed(1)} ms`;
}

/** Starts a fresh server, checks the URL answers 200 (not a redirect: wrk would not count a 3xx), loads it, samples its memory. */
async function measure(name: string, path: string, env: NodeJS.ProcessEnv) {
  const web = await startWeb(name, env);
  try {
    const token = await adminToken(env);
    const probe = await fetch(web.url + path, { headers: { authorization: `Bearer ${token}` }, redirect: "manual" });
    const bytes = (await probe.arrayBuffer()).byteLength;
    if (probe.status !== 200) throw new Error(`${path} answered ${probe.status}`);
    for (let i = 0; i < 3; i++) await (await fetch(web.url + path, { headers: { authorization: `Bearer ${token}` } })).arrayBuffer(); // warm up
    const serverTiming = await serverTimings(web.url + path, token);
    const single = await wrk(web.url + path, token, 1, 5);
    const before = loadAverage();
    const result = await wrk(web.url + path, token, CONNECTIONS, DURATION);
    return { ...result, single, serverTiming, bytes, peakMb: peakRssMb(web.pid), load: `${before} -> ${loadAverage()}` };
  } finally {
    await web.stop();
  }
}

/** The SQL listTasks really sends (captured from the pg driver) and how PostgreSQL plans it. */
async function explainTaskList(): Promise<Array<[string, string, string]>> {
  const captured: Array<{ text: string; values: unknown[] }> = [];
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const config = args[0] as { text?: string; values?: unknown[] };
    if (typeof config === "object" && config?.text?.includes("diagnosis_tasks"))
      captured.push({ text: config.text, values: config.values ?? [] });
    return query.apply(this, args);
  } as typeof pg.Client.prototype.query;
  const { listTasks } = await import("@/server/tasks/list-tasks");
  const { closeDb } = await import("@/server/db/client");
  const rows: Array<[string, string, string]> = [];
  try {
    for (const [name, input] of Object.entries(LIST_INPUTS)) {
      await listTasks(input);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        captured.length = 0;
        const t0 = performance.now();
        await listTasks(input);
        times.push(performance.now() - t0);
      }
      for (const q of captured) {
        const { rows: plan } = await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${q.text}`, q.values);
        const lines = plan.map((p) => p["QUERY PLAN"]);
        const scans = [
          ...new Set(
            lines
              .map((l) => /(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: using (\w+))? on (\w+)/.exec(l))
              .filter(Boolean)
              .map((m) => `${m![1]}${m![2] ? ` ${m![2]}` : ""} on ${m![3]}`),
          ),
        ];
        const time = lines.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "";
        const what = q.text.includes("executor_instances i")
          ? "stuck check of its running tasks"
          : /count\(/i.test(q.text.slice(0, 200))
            ? "count"
            : "page";
        rows.push([`${name}: ${what}`, time, scans.join("; ")]);
      }
      rows.push([`${name}: whole listTasks call`, `${stats(times).p50.toFixed(1)} ms`, "median of 5 calls, in-process (no HTTP)"]);
    }
  } finally {
    pg.Client.prototype.query = query as typeof pg.Client.prototype.query;
    await closeDb();
  }
  return rows;
}

try {
  console.log(`build ${build}; loading ${TOTAL} tasks (${RUNNING} running, ${DEAD_OWNED} of them on a dead executor)...`);
  await loadTasks(pool, { total: TOTAL, running: RUNNING, deadOwned: DEAD_OWNED, liveExecutors: 1 });
  const env = clusterEnv(database.url, { EXECUTOR_ENABLED: "0", WATCHDOG_ENABLED: "0", LOG_LEVEL: "error" });
  const targets: Array<[string, string]> = [
    ["GET /api/diagnosis/tasks/status-check", "/api/diagnosis/tasks/status-check"],
    ["GET /api/trpc/tasks.list (default page)", trpcList(LIST_INPUTS["default page (id order)"])],
  ];
  const measured = [];
  for (const [name, path] of targets) measured.push({ name, ...(await measure(name, path, env)) });
  const failed = measured.filter((m) => m.non2xx + m.socketErrors + m.single.non2xx + m.single.socketErrors > 0);
  for (const m of measured) {
    printTable(`${m.name}: wrk -t2 -c${CONNECTIONS} -d${DURATION}s (load average ${m.load})`, [
      ["requests/s", m.rps.toFixed(1), `${m.requests} requests, ${m.transfer}/s, response ${(m.bytes / 1024).toFixed(0)} kB`],
      ["latency p50", m.p50, ""],
      ["latency p99", m.p99, ""],
      ["one connection, 5 s: requests/s, p50", `${m.single.rps.toFixed(1)}, ${m.single.p50}`, "service time without queueing"],
      ["server time p50 / p95 (Server-Timing)", m.serverTiming, "30 requests in a row; the work between authentication and sending"],
      [
        "errors (non-2xx + socket errors)",
        m.non2xx + m.socketErrors + m.single.non2xx + m.single.socketErrors,
        failed.includes(m) ? "FAILED (must be 0)" : "ok (must be 0)",
      ],
      ["server peak RSS (VmHWM)", `${m.peakMb.toFixed(0)} MB`, ""],
    ]);
  }
  printTable(`Task list SQL at ${TOTAL} tasks: EXPLAIN ANALYZE of what listTasks sends`, await explainTaskList());
  if (failed.length) {
    console.error(`\nFAILED: errors under load on ${failed.map((m) => m.name).join(", ")}`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.drop();
}
