/**
 * A small cluster under load, and a worker killed with kill -9 in the middle of it: 1 web server
 * (`next start`) + 2 `easysight worker` processes on one fresh PostgreSQL database, 500 tasks over
 * demo-like cameras (fixture images, a quarter of the tasks with a slow HTTP camera). Reports how
 * long until the dead worker's tasks are reported stuck (status-check API) and recovered (the
 * watchdogs of the surviving processes), and checks the executor's invariants. Exits 1 if one breaks.
 *
 *   npm run build   # once: next start serves the production build
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/cluster.ts [tasks]
 *
 * The watchdog runs every 5 s here (WATCHDOG_INTERVAL_MS=5000; default 60 s); heartbeats keep their
 * default (10 s, dead after 3 missed).
 */
import { performance } from "node:perf_hooks";
import { throwawayDatabase } from "@/harness/throwaway-database";
import { startBenchCameras, fixtureImages, FIXTURE_DIR } from "@/harness/camera-server";
import { broken, checkInvariants, invariantRows, printTable, reportVerdict } from "@/harness/invariants";
import {
  adminToken,
  clusterEnv,
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

const TASKS = Number(process.argv[2] ?? 500);
const WATCHDOG_INTERVAL_MS = 5_000;
const HEARTBEAT_MS = 10_000;
const MISSES = 3;

const build = requireBuild();
const database = await throwawayDatabase("easysight_bench_cluster");
const pool = openPool(database.url);
const cameras = await startBenchCameras();
const procs: Proc[] = [];
const seconds = (from: number) => (performance.now() - from) / 1000;
const range = (values: number[]) => (values.length ? `${Math.min(...values).toFixed(1)} - ${Math.max(...values).toFixed(1)}` : "-");

interface StatusCheck {
  stuck_tasks: Array<{ id: number; stuck_reason_code: string }>;
}

try {
  console.log(`build ${build}; load average at start: ${loadAverage()}`);
  const images = fixtureImages();
  const fileCams = await insertCameras(
    pool,
    images.slice(0, 30).map((f, i) => ({ name: `file ${i}`, sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${f}` })),
  );
  const slowCams = await insertCameras(
    pool,
    images.slice(30, 40).map((f, i) => ({
      name: `slow http ${i}`,
      sourceType: "http_snapshot",
      sourceUri: cameras.url(`/image/${f}?delay=${1000 + 400 * i}`),
      grabTimeoutMs: 10_000,
    })),
  );
  const taskIds = await insertTasks(
    pool,
    "cluster task",
    Array.from({ length: TASKS }, (_, i) => [fileCams[i % 30], fileCams[(i + 7) % 30], ...(i % 4 === 0 ? [slowCams[i % 10]] : [])]),
  );

  const env = clusterEnv(database.url, {
    WATCHDOG_INTERVAL_MS: String(WATCHDOG_INTERVAL_MS),
    EXECUTOR_HEARTBEAT_MS: String(HEARTBEAT_MS),
    STUCK_HEARTBEAT_MISSES: String(MISSES),
  });
  const web = await startWeb("web", env);
  procs.push(web, startWorker("worker-1", env), startWorker("worker-2", env));
  const instanceOf = async (p: Proc) =>
    (await pool.query<{ id: string }>(`SELECT id::text FROM executor_instances WHERE pid = $1 AND stopped_at IS NULL`, [p.pid])).rows[0]
      ?.id;
  const instances = new Map<string, string>();
  for (const p of procs)
    instances.set(
      await waitFor(
        () => instanceOf(p),
        60_000,
        () => `${p.name} to register (${p.output()})`,
      ),
      p.name,
    );
  const token = await adminToken(env);
  console.log(`web ${web.url} (pid ${web.pid}), workers pid ${procs[1].pid} and ${procs[2].pid}; logs in ${env.LOG_DIR}`);

  await makeDue(pool, taskIds);
  const loadStart = performance.now();
  const completed = () =>
    count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status = 'completed'`, [taskIds]);

  // Kill a worker once a third of the work is done and it holds runs.
  const victim = procs[2];
  const victimId = [...instances].find(([, name]) => name === victim.name)![0];
  const owned = () =>
    count(pool, `SELECT count(*) AS n FROM diagnosis_tasks WHERE status = 'running' AND owner_instance_id = $1::uuid`, [victimId]);
  await waitFor(
    async () => (await completed()) >= TASKS / 3 && (await owned()) >= 2,
    600_000,
    "a third of the tasks done while worker-2 holds runs",
  );
  victim.child.kill("SIGKILL");
  const killedAt = performance.now();
  await victim.exited;
  const completedAtKill = await completed();
  const held = (
    await pool.query<{ id: number; attempt: number }>(
      `SELECT id, attempt FROM diagnosis_tasks WHERE status = 'running' AND owner_instance_id = $1::uuid`,
      [victimId],
    )
  ).rows;
  const heldIds = new Set(held.map((t) => t.id));
  console.log(
    `kill -9 worker-2 after ${seconds(loadStart).toFixed(1)} s (${completedAtKill}/${TASKS} completed); it held tasks ${[...heldIds].join(", ")}`,
  );

  // Watch the status-check API (as monitoring would) and the audit table until all are recovered.
  const stuckAfter = new Map<number, number>();
  const recoveredAfter = new Map<number, number>();
  const falselyStuck = new Set<number>();
  const stuckCodes = new Set<string>();
  await waitFor(
    async () => {
      const check = await getJson<StatusCheck>(`${web.url}/api/diagnosis/tasks/status-check`, token);
      for (const t of check.stuck_tasks) {
        if (!heldIds.has(t.id)) falselyStuck.add(t.id);
        else if (!stuckAfter.has(t.id)) {
          stuckAfter.set(t.id, seconds(killedAt));
          stuckCodes.add(t.stuck_reason_code);
        }
      }
      const audits = await pool.query<{ task_id: number }>(`SELECT task_id FROM recovery_audits WHERE prior_owner_instance_id = $1::uuid`, [
        victimId,
      ]);
      for (const a of audits.rows) if (!recoveredAfter.has(a.task_id)) recoveredAfter.set(a.task_id, seconds(killedAt));
      await new Promise((r) => setTimeout(r, 250));
      return recoveredAfter.size >= heldIds.size;
    },
    300_000,
    "the killed worker's tasks to be recovered",
  );
  const recoverers = await pool.query<{ actor_label: string; n: string }>(
    `SELECT actor_label, count(*) AS n FROM recovery_audits WHERE prior_owner_instance_id = $1::uuid GROUP BY 1`,
    [victimId],
  );

  await waitFor(async () => (await completed()) === TASKS, 900_000, `all ${TASKS} tasks to complete`);
  const total = seconds(loadStart);
  const loadAtEnd = loadAverage();
  await Promise.all(procs.filter((p) => p !== victim).map((p) => p.stop()));

  const invariants = await checkInvariants(pool, taskIds);
  const rerunOk = await count(
    pool,
    `SELECT count(*) AS n FROM diagnosis_tasks WHERE id = ANY($1::int[]) AND status = 'completed' AND attempt >= 2`,
    [[...heldIds]],
  );
  const runs = await count(pool, `SELECT count(*) AS n FROM task_runs WHERE task_id = ANY($1::int[])`, [taskIds]);
  const results = await count(pool, `SELECT count(*) AS n FROM diagnosis_results WHERE task_id = ANY($1::int[])`, [taskIds]);
  const stuckTimes = [...stuckAfter.values()];
  const recoveredTimes = [...recoveredAfter.values()];

  printTable(
    `Cluster: 1 web server + 2 workers, ${TASKS} tasks, ${fileCams.length} file cameras + ${slowCams.length} slow HTTP cameras (load average now ${loadAtEnd})`,
    [
      [
        "tasks completed / total",
        `${TASKS}/${TASKS}`,
        `in ${total.toFixed(1)} s (${(TASKS / total).toFixed(1)} tasks/s), ${runs} runs, ${results} results`,
      ],
      ["worker-2 killed (kill -9) after", `${((killedAt - loadStart) / 1000).toFixed(1)} s`, `${completedAtKill} tasks completed by then`],
      ["tasks it held", heldIds.size, ""],
      [
        "seconds until reported stuck (status-check)",
        range(stuckTimes),
        `reason ${[...stuckCodes].join(", ") || "-"}; ${stuckAfter.size}/${heldIds.size} seen stuck before recovery`,
      ],
      ["seconds until recovered (audit row)", range(recoveredTimes), `watchdog every ${WATCHDOG_INTERVAL_MS / 1000} s (bench setting)`],
      [
        "recovered by",
        recoverers.rows.map((r) => `${instances.get(/\(([^)]+)\)/.exec(r.actor_label)?.[1] ?? "") ?? r.actor_label} ${r.n}`).join(", "),
        "",
      ],
      ["its tasks completed again afterwards (attempt >= 2)", `${rerunOk}/${heldIds.size}`, "must be all"],
      ["live tasks falsely reported stuck", falselyStuck.size, "must be 0"],
      ...invariantRows(invariants),
    ],
  );
  const window = (HEARTBEAT_MS * MISSES) / 1000;
  console.log(
    `\nWith the default settings (heartbeat ${HEARTBEAT_MS / 1000} s, ${MISSES} misses, watchdog 60 s): a dead worker's tasks are`,
  );
  console.log(
    `reported stuck ${window - HEARTBEAT_MS / 1000}-${window} s after it died (its last heartbeat was 0-${HEARTBEAT_MS / 1000} s before), and recovered by the`,
  );
  console.log(`next watchdog cycle of a surviving process: within 60 s (+10 % jitter) more, so at most ~${window + 66} s after the death.`);

  const failures = [
    ...broken(invariants).map((i) => i.name),
    ...(falselyStuck.size ? ["live tasks reported stuck"] : []),
    ...(rerunOk !== heldIds.size ? ["the killed worker's tasks did not all complete again"] : []),
  ];
  reportVerdict(failures, "All invariants hold.");
} catch (err) {
  reportCrash(err, procs);
} finally {
  await Promise.all(procs.map((p) => p.stop("SIGTERM", 5_000)));
  await cameras.close();
  await pool.end();
  await database.drop();
}
