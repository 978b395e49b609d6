-- AlterTable
ALTER TABLE "diagnosis_results" ADD COLUMN     "error_code" TEXT,
ADD COLUMN     "error_params" JSONB;
