-- CreateTable
CREATE TABLE "task_runtime_buckets" (
    "outcome" TEXT NOT NULL,
    "le" DOUBLE PRECISION NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,
    "sum_seconds" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "task_runtime_buckets_pkey" PRIMARY KEY ("outcome","le")
);

-- The bucket a run of `seconds` counts in: the first upper bound it fits (the histogram's `le`).
-- The bounds must match RUNTIME_BUCKETS in server/metrics/render-metrics.ts.
CREATE FUNCTION "task_runtime_le"(seconds DOUBLE PRECISION) RETURNS DOUBLE PRECISION
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(min(b), 'Infinity'::float8)
  FROM unnest(ARRAY[1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200]::float8[]) AS b
  WHERE b >= seconds
$$;

-- Counts every run that becomes finished (finished_at set: completed, failed, released, reset),
-- once per statement. Rows are upserted in (outcome, le) order, so concurrent finishing statements
-- lock the few counter rows in the same order and cannot deadlock; every writer that finishes runs
-- (finishRun, releaseRun, resetTasks) does so in one statement.
CREATE FUNCTION "count_finished_task_runs"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_runtime_buckets AS b (outcome, le, count, sum_seconds)
    SELECT outcome, task_runtime_le(d), count(*), sum(d)
    FROM (SELECT n.outcome, date_part('epoch', n.finished_at - n.started_at) AS d FROM new_rows n WHERE n.finished_at IS NOT NULL) r
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (outcome, le) DO UPDATE SET count = b.count + excluded.count, sum_seconds = b.sum_seconds + excluded.sum_seconds;
  ELSE
    INSERT INTO task_runtime_buckets AS b (outcome, le, count, sum_seconds)
    SELECT outcome, task_runtime_le(d), count(*), sum(d)
    FROM (SELECT n.outcome, date_part('epoch', n.finished_at - n.started_at) AS d
          FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE o.finished_at IS NULL AND n.finished_at IS NOT NULL) r
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (outcome, le) DO UPDATE SET count = b.count + excluded.count, sum_seconds = b.sum_seconds + excluded.sum_seconds;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "task_runs_count_finished_insert" AFTER INSERT ON "task_runs"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_finished_task_runs"();
CREATE TRIGGER "task_runs_count_finished_update" AFTER UPDATE ON "task_runs"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_finished_task_runs"();

-- The runs finished before this migration (one pass over the history, once).
INSERT INTO "task_runtime_buckets" (outcome, le, count, sum_seconds)
SELECT outcome, task_runtime_le(d), count(*), sum(d)
FROM (SELECT outcome, date_part('epoch', finished_at - started_at) AS d FROM task_runs WHERE finished_at IS NOT NULL) r
GROUP BY 1, 2 ORDER BY 1, 2;
