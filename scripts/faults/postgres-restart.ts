/**
 * Fault check: PostgreSQL restarted, then down for 10 s, while tasks run on 1 web server + 2 workers.
 * Proves that every process reconnects by itself (no restart of ours), that no task stays falsely
 * running afterwards (every task ends completed, or failed by the outage with its next run scheduled;
 * none running without a live owner), and that no result, run or audit row committed before the
 * outage is lost. Exits 1 if any of that fails.
 *
 * It restarts a PostgreSQL cluster of its own (pg_createcluster on a free port, dropped at the end),
 * so that other people's tests on the machine's main cluster are not cut off. FAULT_PG_CLUSTER=15/main
 * restarts that one instead (then TEST_DATABASE_URL must point at it).
 *
 *   npm run build   # the web server is `next start`
 *   npx tsx scripts/faults/postgres-restart.ts
 */
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { broken, checkInvariants, invariantRows, printTable, reportVerdict } from "@/harness/invariants";
import { startBenchCameras, fixtureImages, FIXTURE_DIR } from "@/harness/camera-server";
import {
  adminToken,
  clusterEnv,
  freePort,
  getJson,
  loadAverage,
  reportCrash,
  requireBuild,
  startWeb,
  startWorker,
  type Proc,
} from "@/harness/processes";
import { count, insertCameras, insertTasks, makeDue, openPool } from "@/harness/sql";
import { waitFor } from "@/test/support/wait-for";

const TASKS = 150;
const OUTAGE_MS = 10_000;

/** pg_ctlcluster VERSION NAME ACTION, as root's Debian tooling runs it (async: this process also serves the cameras). */
const pgctl = (cluster: string, action: string) =>
  promisify(execFile)("pg_ctlcluster", ["--skip-systemctl-redirect", ...cluster.split("/"), action]);

async function ownCluster(): Promise<{ cluster: string; url: string; drop(): void }> {
  if (process.env.FAULT_PG_CLUSTER) {
    if (!process.env.TEST_DATABASE_URL) throw new Error("FAULT_PG_CLUSTER needs TEST_DATABASE_URL (its server)");
    return { cluster: process.env.FAULT_PG_CLUSTER, url: process.env.TEST_DATABASE_URL, drop: () => {} };
  }
  const name = `esfault${process.pid}`;
  const port = await freePort();
  execFileSync("pg_createcluster", ["15", name, "-p", String(port), "--start-conf=manual", "--", "--auth=trust"], { stdio: "pipe" });
  await pgctl(`15/${name}`, "start");
  return {
    cluster: `15/${name}`,
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    drop: () => execFileSync("pg_dropcluster", ["--stop", "15", name], { stdio: "pipe" }),
  };
}

const build = requireBuild();
const pg = await ownCluster();
process.env.TEST_DATABASE_URL = pg.url;
const { throwawayDatabase } = await import("@/harness/throwaway-database");
const database = await throwawayDatabase("easysight_fault_pg");
const pool = openPool(database.url);
const cameras = await startBenchCameras();
const procs: Proc[] = [];

/** How long after `since` each process shows it works again: /api/health for the web server, a fresh heartbeat for every executor. */
async function reconnection(since: number, dbSince: Date, web: { url: string }, instances: Map<string, string>) {
  const seconds = () => (performance.now() - since) / 1000;
  const health = await waitFor(
    async () => (await fetch(`${web.url}/api/health`).catch(() => null))?.ok && seconds(),
    120_000,
    "web /api/health ok",
  );
  const beats = new Map<string, number>();
  await waitFor(
    async () => {
      const rows = await pool
        .query<{ id: string }>(`SELECT id::text FROM executor_instances WHERE heartbeat_at > $1`, [dbSince])
        .catch(() => ({ rows: [] }));
      for (const r of rows.rows) if (instances.has(r.id) && !beats.has(r.id)) beats.set(r.id, seconds());
      return beats.size === instances.size;
    },
    120_000,
    "every process to heartbeat again",
  );
  const claims = new Map<string, number>();
  await waitFor(
    async () => {
      const rows = await pool.query<{ id: string }>(`SELECT DISTINCT instance_id::text AS id FROM task_runs WHERE started_at > $1`, [
        dbSince,
      ]);
      for (const r of rows.rows) if (instances.has(r.id) && !claims.has(r.id)) claims.set(r.id, seconds());
      return (
        claims.size === instances.size ||
        (await count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE status IN ('pending', 'running')`)) === 0
      );
    },
    180_000,
    "every process to claim again",
  );
  return { health, beats, claims };
}

try {
  console.log(`build ${build}; PostgreSQL cluster ${pg.cluster}; load average ${loadAverage()}`);
  const images = fixtureImages();
  const files = await insertCameras(
    pool,
    images.slice(0, 12).map((f, i) => ({ name: `file ${i}`, sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${f}` })),
  );
  const slow = await insertCameras(
    pool,
    images
      .slice(12, 18)
      .map((f, i) => ({ name: `slow ${i}`, sourceType: "http_snapshot", sourceUri: cameras.url(`/image/${f}?delay=${1500 + 300 * i}`) })),
  );
  const taskIds = await insertTasks(
    pool,
    "pg task",
    Array.from({ length: TASKS }, (_, i) => [files[i % 12], ...(i % 2 ? [slow[i % 6]] : [])]),
  );
  // One task held by a dead executor, for the watchdog to recover before the restart: an audit row that must survive.
  await pool.query(
    `INSERT INTO executor_instances (id, kind, host, pid, heartbeat_at) VALUES ('00000000-0000-0000-0000-0000000dead0', 'worker', 'gone', 1, now() - interval '1 hour')`,
  );
  await pool.query(
    `UPDATE diagnosis_tasks SET status = 'running', attempt = 1, owner_instance_id = '00000000-0000-0000-0000-0000000dead0',
                      started_at = now() - interval '5 minutes', heartbeat_at = now() - interval '1 hour' WHERE id = $1`,
    [taskIds[0]],
  );
  await pool.query(
    `INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome) VALUES ($1, 1, '00000000-0000-0000-0000-0000000dead0', now() - interval '5 minutes', 'running')`,
    [taskIds[0]],
  );

  const env = clusterEnv(database.url, { EXECUTOR_HEARTBEAT_MS: "2000", WATCHDOG_INTERVAL_MS: "3000" });
  const web = await startWeb("web", env);
  procs.push(web, startWorker("worker-1", env), startWorker("worker-2", env));
  const instances = new Map<string, string>();
  for (const p of procs) {
    const id = await waitFor(
      async () => (await pool.query<{ id: string }>(`SELECT id::text FROM executor_instances WHERE pid = $1`, [p.pid])).rows[0]?.id,
      60_000,
      () => `${p.name} to register: ${p.output()}`,
    );
    instances.set(id, p.name);
  }
  const token = await adminToken(env);
  await makeDue(pool, taskIds.slice(1));
  await waitFor(() => count(pool, `SELECT count(*) AS n FROM recovery_audits`), 60_000, "the planted stuck task to be recovered");
  const completed = () =>
    count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status = 'completed'`, [taskIds]);
  await waitFor(
    async () =>
      (await completed()) >= TASKS / 4 && (await count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'running'`)) >= 3,
    600_000,
    "a quarter done with runs in flight",
  );

  const rows: Array<[string, string | number, string?]> = [];
  const committed = async () => ({
    results: (await pool.query<{ id: string }>(`SELECT id::text FROM diagnosis_results`)).rows.map((r) => r.id),
    audits: (await pool.query<{ id: string }>(`SELECT id::text FROM recovery_audits`)).rows.map((r) => r.id),
    runs: (await pool.query<{ id: string }>(`SELECT id::text FROM task_runs`)).rows.map((r) => r.id),
  });
  const before = await committed();
  const outages: Array<[string, () => Promise<unknown>]> = [
    ["pg_ctlcluster restart", () => pgctl(pg.cluster, "restart")],
    [
      `stopped ${OUTAGE_MS / 1000} s`,
      async () => {
        await pgctl(pg.cluster, "stop");
        await new Promise((r) => setTimeout(r, OUTAGE_MS));
        await pgctl(pg.cluster, "start");
      },
    ],
  ];
  for (const [what, outage] of outages) {
    const running = await count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'running'`);
    const t0 = performance.now();
    await outage();
    const downFor = (performance.now() - t0) / 1000;
    const dbBack = await waitFor(
      async () => (await pool.query<{ now: Date }>(`SELECT now()`).catch(() => null))?.rows[0].now,
      60_000,
      "the database to answer",
    );
    const back = await reconnection(t0, dbBack, web, instances);
    const dead = procs.filter((p) => p.child.exitCode !== null || p.child.signalCode !== null);
    if (dead.length)
      throw new Error(
        `${dead.map((p) => p.name).join(", ")} exited during the outage: ${dead.map((p) => p.output().slice(-2000)).join("\n")}`,
      );
    rows.push(
      [`${what}: database down for`, `${downFor.toFixed(1)} s`, `${running} tasks were running`],
      [`  web /api/health ok again after`, `${back.health.toFixed(1)} s`, "from the start of the outage"],
      ...[...back.beats].map(([id, s]): [string, string, string] => [
        `  ${instances.get(id)} heartbeats again after`,
        `${s.toFixed(1)} s`,
        "",
      ]),
      ...[...back.claims].map(([id, s]): [string, string, string] => [
        `  ${instances.get(id)} claims tasks again after`,
        `${s.toFixed(1)} s`,
        "claim loop backs off while the database is down",
      ]),
    );
  }
  await getJson(`${web.url}/api/diagnosis/tasks/status-check`, token);
  // Settled: nothing left running or due. A run that hit the outage may have ended `failed` (its
  // error says the database was unreachable); it must still have its next run scheduled.
  await waitFor(
    async () =>
      (await count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status IN ('pending', 'running')`, [
        taskIds,
      ])) === 0,
    600_000,
    () => `every task to finish after the outages`,
  );
  const stranded = await count(
    pool,
    `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status = 'failed' AND is_active AND next_run_time IS NULL`,
    [taskIds],
  );
  const failedRuns = (
    await pool.query<{ error: string; n: string }>(
      `SELECT left(error, 60) AS error, count(*) AS n FROM task_runs WHERE task_id = ANY($1::int[]) AND outcome = 'failed' GROUP BY 1`,
      [taskIds],
    )
  ).rows;
  const after = await committed();
  const lost = (key: keyof typeof before) => before[key].filter((id) => !new Set(after[key]).has(id)).length;
  const statuses = (
    await pool.query<{ status: string; n: string }>(
      `SELECT status::text, count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) GROUP BY 1`,
      [taskIds],
    )
  ).rows;
  const recoveries = (
    await pool.query<{ reason_code: string; n: string }>(`SELECT reason_code, count(*) AS n FROM recovery_audits GROUP BY 1`)
  ).rows;
  const resetWhileAlive = await count(
    pool,
    `SELECT count(*) AS n FROM recovery_audits WHERE reason_code = 'executor_dead' AND prior_owner_instance_id = ANY($1::uuid[])`,
    [[...instances.keys()]],
  );
  await Promise.all(procs.map((p) => p.stop()));
  const invariants = await checkInvariants(pool, taskIds);
  const logFile = path.join(env.LOG_DIR!, "diagnosis.log");
  const logged = fs.existsSync(logFile)
    ? fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter((l) => l.includes('"level":"ERROR"')).length
    : 0;

  rows.push(
    ["results committed before / lost", `${before.results.length} / ${lost("results")}`, "lost must be 0"],
    ["audit rows committed before / lost", `${before.audits.length} / ${lost("audits")}`, "lost must be 0"],
    ["run rows committed before / lost", `${before.runs.length} / ${lost("runs")}`, "lost must be 0"],
    ["task statuses at the end", statuses.map((s) => `${s.status} ${s.n}`).join(", "), "none running or pending"],
    ...failedRuns.map((r): [string, string, string] => ["  runs failed by the outage", r.n, r.error]),
    ["failed tasks left without a next run", stranded, "must be 0 (scheduled again as usual)"],
    [
      "recoveries by reason",
      recoveries.map((r) => `${r.reason_code} ${r.n}`).join(", "),
      "runs cut off by the outage are recovered by the watchdogs",
    ],
    [
      "  of which executor_dead although the owner lived",
      resetWhileAlive,
      "(info) its heartbeat aged during the outage; fencing stops the old run",
    ],
    ["ERROR lines logged (all processes)", logged, "(info) the outage is logged, not hidden"],
    ...invariantRows(invariants),
  );
  printTable(`PostgreSQL restart and outage under load: 1 web server + 2 workers, ${TASKS} tasks (load average ${loadAverage()})`, rows);
  const failures = [
    ...broken(invariants).map((i) => i.name),
    ...(["results", "audits", "runs"] as const).filter((k) => lost(k) > 0).map((k) => `${k} lost`),
    ...(stranded ? ["failed tasks left unscheduled"] : []),
  ];
  reportVerdict(
    failures,
    "PROVED: the web server and both workers reconnected by themselves after a restart and a 10 s outage; every task finished (completed, or failed by the outage and scheduled again), none is left running without a live owner, and no committed row was lost.",
  );
} catch (err) {
  reportCrash(err, procs);
} finally {
  await Promise.all(procs.map((p) => p.stop("SIGTERM", 5_000)));
  await cameras.close();
  await pool.end();
  await database.drop().catch((err) => console.error(`could not drop the database: ${err.message}`));
  pg.drop();
}
