-- AlterTable
-- The reason as data, not only as a sentence: the runtime limit a runtime_exceeded verdict applied,
-- and where the reset run stopped (camera i of N, which camera, the phase, how long it had waited),
-- so the console shows both in the reader's language without parsing reason_text.
ALTER TABLE "recovery_audits" ADD COLUMN     "reason_runtime_limit" INTEGER,
ADD COLUMN     "stopped_camera_name" TEXT,
ADD COLUMN     "stopped_index" INTEGER,
ADD COLUMN     "stopped_phase" TEXT,
ADD COLUMN     "stopped_total" INTEGER,
ADD COLUMN     "stopped_waited_minutes" INTEGER;

-- Earlier runtime_exceeded rows: the limit their sentence names ("运行时间超过 N 分钟").
UPDATE "recovery_audits" SET "reason_runtime_limit" = substring("reason_text" FROM '([0-9]+)')::int
WHERE "reason_code" = 'runtime_exceeded' AND "reason_text" ~ '[0-9]+';
