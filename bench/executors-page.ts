/**
 * The executors page and the task list filtered by executor at scale: 100k tasks of which 10k are
 * running over 8 live executors and a dead one (harness/load-fixture.ts, as bench/load.ts). On a
 * freshly started production server (`next start`), signed in as the admin like a browser, each
 * page's HTML is fetched 30 times in a row: its size, and the time to the last byte (p50 / p95). The
 * tRPC query the executors page re-fetches every 10 s is measured the same way. Targets: HTML under
 * 100 KB, under 0.2 s. Exits 1 when a page misses them. Needs `npm run build`.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/executors-page.ts
 *
 * The server runs with EXECUTOR_ENABLED=0 and WATCHDOG_ENABLED=0, so the running tasks (owned by
 * fake executors) stay as they are.
 */
import { performance } from "node:perf_hooks";
import { throwawayDatabase } from "@/harness/throwaway-database";
import { printTable } from "@/harness/invariants";
import { DEAD_EXECUTOR, liveExecutorId, loadTasks } from "@/harness/load-fixture";
import { clusterEnv, loadAverage, requireBuild, startWeb } from "@/harness/processes";
import { openPool } from "@/harness/sql";
import { signInCookie } from "@/harness/web-session";
import { stats } from "./stats";

const FIXTURE = { total: 100_000, running: 10_000, deadOwned: 1_000, liveExecutors: 8 };
const MAX_BYTES = 100 * 1024;
const MAX_SECONDS = 0.2;
const trpcGet = (path: string, input: object) => `/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
const TARGETS: Array<[string, string]> = [
  ["executors page (HTML)", "/executors"],
  ["task list of a live executor (HTML)", `/tasks?executor=${liveExecutorId(1)}`],
  ["task list of the dead executor (HTML)", `/tasks?executor=${DEAD_EXECUTOR}`],
  ["executors.list (the page's 10 s re-fetch)", trpcGet("executors.list", {})],
  ["task list, unfiltered (HTML)", "/tasks"],
];

const build = requireBuild();
const database = await throwawayDatabase("easysight_bench_executors");
const pool = openPool(database.url);

/** Size of the answer and the time to its last byte, 30 requests in a row after 3 to warm up. */
async function measure(url: string, cookie: string) {
  const get = async () => {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
    return bytes;
  };
  for (let i = 0; i < 3; i++) await get();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    bytes = await get();
    times.push(performance.now() - t0);
  }
  return { bytes, ...stats(times) };
}

try {
  console.log(
    `build ${build}; loading ${FIXTURE.total} tasks (${FIXTURE.running} running on ${FIXTURE.liveExecutors} live executors and a dead one)...`,
  );
  await loadTasks(pool, FIXTURE);
  const env = clusterEnv(database.url, { EXECUTOR_ENABLED: "0", WATCHDOG_ENABLED: "0", LOG_LEVEL: "error" });
  const web = await startWeb("web", env);
  const missed: string[] = [];
  const rows: Array<[string, string, string]> = [];
  try {
    const cookie = await signInCookie(web.url, env.ADMIN_USERNAME ?? "admin", env.ADMIN_PASSWORD!);
    const before = loadAverage();
    for (const [name, path] of TARGETS) {
      const m = await measure(web.url + path, cookie);
      const ok = m.bytes < MAX_BYTES && m.p50 < MAX_SECONDS * 1000;
      if (!ok) missed.push(name);
      rows.push([
        name,
        `${(m.bytes / 1024).toFixed(1)} KB, ${(m.p50 / 1000).toFixed(3)} s / ${(m.p95 / 1000).toFixed(3)} s`,
        ok ? "ok" : "MISSED",
      ]);
    }
    printTable(
      `At ${FIXTURE.total} tasks, ${FIXTURE.running} running: size, time to last byte p50 / p95 (30 in a row; load average ${before} -> ${loadAverage()})`,
      rows,
    );
  } finally {
    await web.stop();
  }
  if (missed.length) {
    console.error(`\nMISSED (< ${MAX_BYTES / 1024} KB and < ${MAX_SECONDS} s): ${missed.join(", ")}`);
    process.exitCode = 1;
  }
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await pool.end();
  await database.drop();
}
