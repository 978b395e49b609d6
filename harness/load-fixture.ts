import type pg from "pg";

export interface LoadFixture {
  total: number;
  running: number;
  /** Of the running ones: owned by a dead executor, so status checks have stuck tasks to report. */
  deadOwned: number;
  /** Live executors the other running tasks are dealt out to, round robin. */
  liveExecutors: number;
}

/** The dead executor's id, and the live ones' (`alive-host-1`... as host): version-4 UUIDs, as executors register with. */
export const DEAD_EXECUTOR = "00000000-0000-4000-8000-0000000dead0";
export const liveExecutorId = (n: number) => `00000000-0000-4000-8000-${(0xa110 + n).toString(16).padStart(12, "0")}`;

/**
 * The database at scale, inserted in a few statements: 100 file cameras, `total` interval tasks of
 * which the first `running` are running (the first `deadOwned` of those on a dead executor, the rest
 * spread over `liveExecutors` executors that beat for a day), each task on one camera, and each
 * running task's open run. Then VACUUM ANALYZE, as autovacuum would after such a load.
 */
export async function loadTasks(pool: pg.Pool, f: LoadFixture): Promise<void> {
  await pool.query(`INSERT INTO cameras (name, source_type, source_uri, updated_at)
                    SELECT 'camera ' || g, 'image_file', 'test/fixtures/vqd-public/images/building-normal-0.jpg', now() FROM generate_series(1, 100) g`);
  await pool.query(
    `INSERT INTO executor_instances (id, kind, host, pid, heartbeat_at)
     SELECT $1::uuid, 'worker', 'dead-host', 2, now() - interval '1 hour'
     UNION ALL
     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(${0xa110} + g), 12, '0'))::uuid, 'worker', 'alive-host-' || g, 1000 + g, now() + interval '1 day'
     FROM generate_series(1, $2) g`,
    [DEAD_EXECUTOR, f.liveExecutors],
  );
  await pool.query(
    `
    INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, status, attempt, owner_instance_id,
                                 started_at, heartbeat_at, last_run_time, next_run_time, total_runs, success_runs, updated_at)
    SELECT 'task ' || g, '{too_dark,blur}', 'interval', 5,
           CASE WHEN g <= $2 THEN 'running'::task_status ELSE 'completed'::task_status END, 1,
           CASE WHEN g > $2 THEN NULL WHEN g <= $3 THEN $4::uuid
                ELSE ('00000000-0000-4000-8000-' || lpad(to_hex(${0xa110} + 1 + g % $5), 12, '0'))::uuid END,
           now() - interval '2 minutes', now() + interval '1 day', now() - make_interval(secs => g % 3600), now() + interval '1 day', 1, 1, now()
    FROM generate_series(1, $1) g`,
    [f.total, f.running, f.deadOwned, DEAD_EXECUTOR, f.liveExecutors],
  );
  await pool.query(
    `INSERT INTO diagnosis_task_cameras (task_id, camera_id) SELECT t.id, c.id FROM diagnosis_tasks t JOIN cameras c ON c.id = (SELECT min(id) FROM cameras) + t.id % 100`,
  );
  await pool.query(
    `INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome) SELECT id, 1, owner_instance_id, started_at, 'running' FROM diagnosis_tasks WHERE status = 'running'`,
  );
  await pool.query("VACUUM ANALYZE"); // what autovacuum does to a freshly loaded table; lets counts use index-only scans
}
