-- AlterTable
-- How the task's last run ended (completed | partial | failed | reset | released), so a list can show
-- a run whose cameras partly failed as "completed with problems" without reading the run history.
ALTER TABLE "diagnosis_tasks" ADD COLUMN     "last_run_outcome" TEXT;

-- Earlier runs: the outcome of each task's latest finished run.
UPDATE "diagnosis_tasks" t SET "last_run_outcome" = r.outcome
FROM (SELECT DISTINCT ON (task_id) task_id, outcome FROM task_runs WHERE finished_at IS NOT NULL ORDER BY task_id, attempt DESC) r
WHERE r.task_id = t.id;
