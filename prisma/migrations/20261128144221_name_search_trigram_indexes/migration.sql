-- Trigram indexes for the name searches (ILIKE %q%). pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension: the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "cameras_name_trgm_idx" ON "cameras" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "diagnosis_tasks_name_trgm_idx" ON "diagnosis_tasks" USING GIN ("name" gin_trgm_ops);
