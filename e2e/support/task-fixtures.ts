import { sql } from "./e2e-db";

type Fixture = "no_owner" | "executor_dead" | "healthy";

/**
 * A task in `running`, as an executor's claim leaves it, started 12 minutes ago: without an owner
 * (no_owner), owned by an executor whose heartbeat stopped 10 minutes ago (executor_dead), or owned
 * by a live executor that beats for the next hour (healthy). Inactive and manual by default, so that
 * after a recovery the e2e server's executor does not run it and the test sees the state it caused;
 * `schedule` makes it active as a claim leaves it: a manual task that someone ran (no next run), or an
 * hourly one with the slot it was claimed for (12 minutes ago) still in next_run_time. The
 * executor registered after the database server started: stuck detection gives executors that lived
 * through a database restart extra time, which would blur a dead fixture while the (embedded) test
 * server is young.
 */
export async function runningTask(name: string, fixture: Fixture, schedule?: "manual" | "interval"): Promise<number> {
  const owner =
    fixture === "no_owner"
      ? null
      : (
          await sql<{ id: string }>(
            `INSERT INTO executor_instances (id, kind, host, pid, started_at, heartbeat_at, heartbeat_interval_ms)
             VALUES (gen_random_uuid(), 'worker', $1, 4242, greatest(now() - interval '1 hour', pg_postmaster_start_time() + interval '1 second'), $2::timestamptz, 10000) RETURNING id`,
            [
              fixture === "healthy" ? "e2e-live-host" : "e2e-dead-host",
              fixture === "healthy" ? new Date(Date.now() + 3_600_000) : new Date(Date.now() - 600_000),
            ],
          )
        )[0].id;
  const [task] = await sql<{ id: number }>(
    `INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, is_active, next_run_time, status, attempt, owner_instance_id,
                                  started_at, last_run_time, heartbeat_at, updated_at)
     VALUES ($1, '{blur,too_dark}', $4::schedule_type, $5, $6, CASE WHEN $6 AND $4 <> 'manual' THEN now() - interval '12 minutes' END, 'running', 1, $2,
             now() - interval '12 minutes', now() - interval '12 minutes', $3::timestamptz, now())
     RETURNING id`,
    [
      name,
      owner,
      fixture === "healthy" ? new Date(Date.now() + 3_600_000) : new Date(Date.now() - 600_000),
      schedule ?? "manual",
      schedule === "interval" ? 60 : null,
      schedule !== undefined,
    ],
  );
  await sql(
    `INSERT INTO task_runs (task_id, attempt, instance_id, started_at, outcome) VALUES ($1, 1, $2, now() - interval '12 minutes', 'running')`,
    [task.id, owner],
  );
  return task.id;
}

export async function taskStatus(id: number): Promise<string> {
  return (await sql<{ status: string }>(`SELECT status FROM diagnosis_tasks WHERE id = $1`, [id]))[0].status;
}
