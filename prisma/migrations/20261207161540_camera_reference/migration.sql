-- AlterTable
ALTER TABLE "cameras" ADD COLUMN     "reference_checks" JSONB,
ADD COLUMN     "reference_fingerprint" BYTEA,
ADD COLUMN     "reference_result_id" BIGINT,
ADD COLUMN     "reference_set_at" TIMESTAMPTZ(3),
ADD COLUMN     "reference_set_by" TEXT,
ADD COLUMN     "reference_thumbnail" BYTEA;
