import pg from "pg";

/**
 * The benchmark's own connection to the database under test, independent of the app's client (the
 * app is what is being measured). Errors of idle connections (a database restart) are ignored: the
 * pool replaces them on the next query.
 */
export function openPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {});
  return pool;
}

export async function count(pool: pg.Pool, sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}

export interface CameraSpec {
  name: string;
  sourceType: "image_file" | "http_snapshot";
  sourceUri: string;
  grabTimeoutMs?: number;
}

export async function insertCameras(pool: pg.Pool, cameras: CameraSpec[]): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO cameras (name, source_type, source_uri, grab_timeout_ms, updated_at)
     SELECT n, t::camera_source_type, u, g, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS x(n, t, u, g)
     RETURNING id`,
    [
      cameras.map((c) => c.name),
      cameras.map((c) => c.sourceType),
      cameras.map((c) => c.sourceUri),
      cameras.map((c) => c.grabTimeoutMs ?? 10_000),
    ],
  );
  return rows.map((r) => r.id);
}

export const DEFAULT_CHECKS = ["too_dark", "too_bright", "blur", "noise", "color_cast", "low_contrast", "freeze"];

/**
 * Tasks that run every `intervalMinutes` (default 60: once during a benchmark), not yet due: call
 * makeDue when every process is up, so that the load starts at one known moment.
 */
export async function insertTasks(
  pool: pg.Pool,
  prefix: string,
  cameraIds: number[][],
  options: { checks?: string[]; intervalMinutes?: number } = {},
): Promise<number[]> {
  const { rows } = await pool.query<{ id: number }>(
    `INSERT INTO diagnosis_tasks (name, checks, schedule_type, interval_minutes, next_run_time, updated_at)
     SELECT $1 || ' ' || g, $2::text[], 'interval', $3, NULL, now() FROM generate_series(1, $4) g ORDER BY g
     RETURNING id`,
    [prefix, options.checks ?? DEFAULT_CHECKS, options.intervalMinutes ?? 60, cameraIds.length],
  );
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const pairs = ids.flatMap((id, i) => cameraIds[i].map((cameraId) => [id, cameraId]));
  await pool.query(`INSERT INTO diagnosis_task_cameras (task_id, camera_id) SELECT * FROM unnest($1::int[], $2::int[])`, [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
  return ids;
}

/** Makes the tasks due now, by the database's clock. */
export async function makeDue(pool: pg.Pool, taskIds: number[]): Promise<void> {
  await pool.query(`UPDATE diagnosis_tasks SET next_run_time = now() WHERE id = ANY($1::int[])`, [taskIds]);
}
