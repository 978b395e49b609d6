/**
 * Fault check: the embedded PostgreSQL heals itself (issue 11, row 14). A web server (`next start`)
 * and a worker share a fresh embedded database (a DATA_DIR and EMBEDDED_PG_PORT of their own) and
 * run tasks over file and slow HTTP cameras. Then:
 *   1. kill -9 of the postmaster: status-check answers 503 with a sentence meanwhile (never 500) and
 *      is back by itself within 15 s; the worker heartbeats and runs tasks again;
 *   2. the same while this script holds the restart back (it takes the control lock): a page opened
 *      in Chromium says the database is unreachable, and shows the tasks again after "try again";
 *   3. SIGTERM of the web server while the worker runs: PostgreSQL stays up, the worker goes on;
 *   4. SIGTERM of the worker, the last process: PostgreSQL is stopped.
 * No committed row is lost and no run is doubled (the run invariants). Exits 1 on any failure.
 *
 *   npm run build   # the web server is `next start`
 *   npx tsx scripts/faults/embedded-heal.ts
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { chromium, type Page } from "@playwright/test";
import { startBenchCameras, fixtureImages, FIXTURE_DIR } from "@/harness/camera-server";
import { broken, checkInvariants, invariantRows, printTable, reportVerdict } from "@/harness/invariants";
import {
  adminToken,
  clusterEnv,
  freePort,
  loadAverage,
  reportCrash,
  requireBuild,
  startWeb,
  startWorker,
  type Proc,
} from "@/harness/processes";
import { count, insertCameras, insertTasks, makeDue, openPool } from "@/harness/sql";
import { waitFor } from "@/test/support/wait-for";

const BATCH = 30;
const BACK_WITHIN_S = 15;

const build = requireBuild();
const env = clusterEnv(undefined, {
  EMBEDDED_PG_PORT: String(await freePort()),
  AUTO_MIGRATE: "1",
  EXECUTOR_HEARTBEAT_MS: "2000",
  WATCHDOG_INTERVAL_MS: "3000",
  DEMO_DATA: "0",
});
// This script reads the same DATA_DIR (postmaster.pid, the password, the control lock).
Object.assign(process.env, { DATA_DIR: env.DATA_DIR, EMBEDDED_PG_PORT: env.EMBEDDED_PG_PORT, LOG_DIR: env.LOG_DIR });
delete process.env.DATABASE_URL;
const { withControlLock } = await import("@/server/db/embedded/control-lock");
const { embeddedDatabaseUrl } = await import("@/server/db/embedded/embedded-url");
const { postmasterState, stopPostmaster } = await import("@/server/db/embedded/postmaster");
const { DATABASE_UNREACHABLE } = await import("@/server/errors");

const cameras = await startBenchCameras();
const procs: Proc[] = [];
const rows: Array<[string, string | number, string?]> = [];
const failures: string[] = [];
const check = (ok: boolean, failure: string) => ok || failures.push(failure);
const seconds = (since: number) => (performance.now() - since) / 1000;

function killPostmaster(): number {
  const state = postmasterState();
  if (state.status !== "running") throw new Error(`no postmaster to kill (${state.status})`);
  process.kill(state.pid, "SIGKILL");
  return state.pid;
}

/** Polls status-check until it answers 200 after the outage; counts 503s (with the sentence) and anything else. */
async function watchApi(url: string, token: string, since: number) {
  const seen = { unavailable: 0, wrongSentence: 0, other: [] as number[], backAfter: Infinity };
  while (seconds(since) < 60) {
    const res = await fetch(`${url}/api/diagnosis/tasks/status-check`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (res?.status === 200 && seen.unavailable > 0) {
      seen.backAfter = seconds(since);
      break;
    }
    if (res?.status === 503) {
      seen.unavailable++;
      if ((await res.json()).message !== DATABASE_UNREACHABLE) seen.wrongSentence++;
    } else if (res && res.status !== 200) seen.other.push(res.status);
    await new Promise((r) => setTimeout(r, 100));
  }
  return seen;
}

async function signIn(page: Page, url: string) {
  await page.goto(`${url}/signin?callbackUrl=/tasks`);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  await page.getByLabel(/用户名|Username/).fill(env.ADMIN_USERNAME ?? "admin");
  await page.getByLabel(/密码|Password/).fill(env.ADMIN_PASSWORD!);
  await page.getByRole("button", { name: /登录|Sign in/ }).click();
  await page.getByTestId("current-user").waitFor();
}

try {
  console.log(`build ${build}; DATA_DIR ${env.DATA_DIR}; load average ${loadAverage()}`);
  const web = await startWeb("web", env); // starts the embedded server, migrates, makes the admin
  procs.push(web);
  const pool = openPool(embeddedDatabaseUrl());
  const worker = startWorker("worker", env);
  procs.push(worker);
  const workerId = await waitFor(
    async () => (await pool.query<{ id: string }>(`SELECT id::text FROM executor_instances WHERE pid = $1`, [worker.pid])).rows[0]?.id,
    60_000,
    () => `the worker to register: ${worker.output()}`,
  );
  const images = fixtureImages();
  const files = await insertCameras(
    pool,
    images.slice(0, 8).map((f, i) => ({ name: `file ${i}`, sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${f}` })),
  );
  const slow = await insertCameras(
    pool,
    images
      .slice(8, 14)
      .map((f, i) => ({ name: `slow ${i}`, sourceType: "http_snapshot", sourceUri: cameras.url(`/image/${f}?delay=${1500 + 300 * i}`) })),
  );
  const taskIds = await insertTasks(
    pool,
    "heal task",
    Array.from({ length: 3 * BATCH }, (_, i) => [files[i % 8], slow[i % 6]]),
  );
  const batch = (n: number) => taskIds.slice(n * BATCH, (n + 1) * BATCH);
  const token = await adminToken(env);
  const running = () => count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'running'`);
  const settled = async (ids: number[]) =>
    (await count(
      pool,
      `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND (status IN ('pending', 'running') OR total_runs = 0)`,
      [ids],
    )) === 0;
  const committed = async () => ({
    results: (await pool.query<{ id: string }>(`SELECT id::text FROM diagnosis_results`)).rows.map((r) => r.id),
    runs: (await pool.query<{ id: string }>(`SELECT id::text FROM task_runs WHERE finished_at IS NOT NULL`)).rows.map((r) => r.id),
  });

  // 1. kill -9 under load.
  await makeDue(pool, batch(0));
  const completed = () => count(pool, `SELECT count(*) AS n FROM task_runs WHERE outcome = 'completed'`);
  await waitFor(async () => (await completed()) >= 5 && (await running()) >= 3, 120_000, "finished runs and runs in flight");
  const before = await committed();
  const killedAt = performance.now();
  killPostmaster();
  const api = await watchApi(web.url, token, killedAt);
  const dbBack = await waitFor(
    async () => (await pool.query<{ now: Date }>(`SELECT now()`).catch(() => null))?.rows[0].now,
    60_000,
    "the database",
  );
  const beatAfter = await waitFor(
    async () =>
      (await count(pool, `SELECT count(*) AS n FROM executor_instances WHERE id = $1 AND heartbeat_at > $2`, [workerId, dbBack])) > 0 &&
      seconds(killedAt),
    120_000,
    "the worker to heartbeat again",
  );
  rows.push(
    ["1. kill -9 of the postmaster, runs in flight", before.runs.length, "finished runs committed before"],
    [
      "   status-check answered 503 (with the sentence)",
      api.unavailable,
      `${api.wrongSentence} with another sentence; other statuses: ${api.other.join(", ") || "none"}`,
    ],
    ["   status-check 200 again after", `${api.backAfter.toFixed(1)} s`, `must be <= ${BACK_WITHIN_S} s, nobody restarted anything`],
    ["   worker heartbeats again after", `${beatAfter.toFixed(1)} s`, ""],
  );
  check(api.unavailable > 0 && api.wrongSentence === 0, "status-check did not answer 503 with the database sentence during the outage");
  check(api.other.length === 0, `status-check answered ${api.other.join(", ")} during the outage`);
  check(api.backAfter <= BACK_WITHIN_S, `status-check was not back within ${BACK_WITHIN_S} s`);
  await waitFor(() => settled(batch(0)), 300_000, "the first batch to finish");

  // 2. The restart held back: a page says the database is unreachable, and works again afterwards.
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  try {
    const page = await browser.newPage({ locale: "zh-CN" });
    await signIn(page, web.url);
    await makeDue(pool, batch(1));
    await withControlLock(async () => {
      killPostmaster();
      await page.goto(`${web.url}/tasks`);
      await page.getByTestId("page-error-database").waitFor({ timeout: 20_000 });
      const title = (await page.getByTestId("page-error-database").locator("h1").textContent()) ?? "";
      rows.push(["2. restart held back: /tasks in Chromium says", title, ""]);
      check(title.includes("数据库暂时无法连接"), "the page did not say the database is unreachable");
    });
    const releasedAt = performance.now();
    await waitFor(async () => (await fetch(`${web.url}/api/health`).catch(() => null))?.ok, 60_000, "the database back");
    rows.push(["   healthy again after the restart was let go", `${seconds(releasedAt).toFixed(1)} s`, ""]);
    await page.getByRole("button", { name: /重试|Try again/ }).click();
    await page.getByTestId("current-user").waitFor({ timeout: 20_000 });
    rows.push(['   after "try again" the page shows', "the task list", ""]);
  } finally {
    await browser.close();
  }
  await waitFor(() => settled(batch(1)), 300_000, "the second batch to finish");

  // 3. SIGTERM of the web server while the worker runs.
  await makeDue(pool, batch(2));
  await waitFor(async () => (await running()) >= 1, 60_000, "runs in flight");
  const webExit = await web.stop("SIGTERM");
  const stillUp = postmasterState().status === "running";
  await waitFor(
    () => settled(batch(2)),
    300_000,
    () => `the worker to finish the third batch alone: ${worker.output().slice(-2000)}`,
  );
  const byWorker = await count(
    pool,
    `SELECT count(*) AS n FROM task_runs WHERE task_id = ANY($1::int[]) AND instance_id = $2 AND outcome = 'completed'`,
    [batch(2), workerId],
  );
  rows.push(
    ["3. web server stopped (SIGTERM), exit code", String(webExit), ""],
    ["   PostgreSQL still running", stillUp ? "yes" : "NO", "the worker holds the in-use lock (taken again after the restarts)"],
    ["   runs the worker completed after that", byWorker, "the worker goes on"],
  );
  check(stillUp, "stopping the web server stopped PostgreSQL under the worker");
  check(byWorker > 0 && worker.child.exitCode === null, "the worker did not go on after the web server stopped");

  const after = await committed();
  const lost = (key: keyof typeof before) => before[key].filter((id) => !new Set(after[key]).has(id)).length;
  const invariants = await checkInvariants(pool, taskIds);
  rows.push(
    ["results / finished runs committed before the kill, lost", `${lost("results")} / ${lost("runs")}`, "must be 0"],
    ...invariantRows(invariants),
  );
  check(lost("results") + lost("runs") === 0, "committed rows were lost");
  failures.push(...broken(invariants).map((i) => i.name));

  // 4. The last process leaves.
  await worker.stop("SIGTERM");
  await pool.end();
  const stopped = await waitFor(async () => postmasterState().status === "stopped", 30_000, "PostgreSQL to stop").catch(() => false);
  rows.push(["4. worker stopped last: PostgreSQL stopped", stopped ? "yes" : "NO", "the last one out turns off the lights"]);
  check(stopped, "PostgreSQL kept running after the last process left");

  const restarts = fs
    .readFileSync(path.join(env.LOG_DIR!, "diagnosis.log"), "utf8")
    .split("\n")
    .filter((line) => line.includes("had died"))
    .map((line) => (JSON.parse(line) as { pid: number }).pid);
  const by = (pid: number) => (pid === web.pid ? "web" : pid === worker.pid ? "worker" : String(pid));
  rows.push(["1. and 2.: restarts logged (one per kill, by one process)", restarts.length, restarts.map(by).join(", ")]);
  check(restarts.length === 2, `${restarts.length} restarts logged for 2 kills`);

  printTable(`Embedded PostgreSQL killed under a web server and a worker (load average ${loadAverage()})`, rows);
  reportVerdict(
    failures,
    `PROVED: after kill -9 of the embedded PostgreSQL the API answered 503 with a sentence and was back by itself within ${BACK_WITHIN_S} s, pages said the database was unreachable, the worker went on, no committed row was lost and no run doubled; stopping the web server left PostgreSQL up for the worker, and the last process to stop stopped it.`,
  );
} catch (err) {
  reportCrash(err, procs);
} finally {
  await Promise.all(procs.map((p) => p.stop("SIGTERM", 5_000)));
  await cameras.close();
  if (postmasterState().status === "running") await stopPostmaster().catch(() => undefined);
  if (process.exitCode) console.error(`logs and data kept in ${path.dirname(env.DATA_DIR!)}`);
  else fs.rmSync(path.dirname(env.DATA_DIR!), { recursive: true, force: true });
}
