-- CreateIndex
CREATE INDEX "task_runs_finished_at_idx" ON "task_runs"("finished_at");
