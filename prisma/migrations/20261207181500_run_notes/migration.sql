-- AlterTable
-- A run's note (which cameras failed and each one's grab error code, the runtime limit, the run's own
-- error) as data, beside the bilingual sentence made from it (status_reason, task_runs.error): the
-- console renders it in the reader's language. Rows written before keep their text and no note.
ALTER TABLE "diagnosis_tasks" ADD COLUMN "status_note" JSONB;

-- AlterTable
ALTER TABLE "task_runs" ADD COLUMN "note" JSONB;
