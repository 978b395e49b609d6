-- CreateEnum
CREATE TYPE "user_role" AS ENUM ('admin', 'operator', 'viewer');

-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('pending', 'running', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "schedule_type" AS ENUM ('interval', 'cron', 'manual');

-- CreateEnum
CREATE TYPE "camera_source_type" AS ENUM ('image_file', 'image_folder', 'video_file', 'http_snapshot', 'rtsp');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "email" TEXT,
    "display_name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "user_role" NOT NULL DEFAULT 'viewer',
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "last_login_at" TIMESTAMPTZ(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cameras" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "source_type" "camera_source_type" NOT NULL,
    "source_uri" TEXT NOT NULL,
    "source_username" TEXT,
    "source_password" TEXT,
    "grab_timeout_ms" INTEGER NOT NULL DEFAULT 10000,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cameras_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diagnosis_tasks" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "checks" TEXT[],
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "schedule_type" "schedule_type" NOT NULL DEFAULT 'interval',
    "interval_minutes" INTEGER,
    "cron_expression" TEXT,
    "is_active" BOOLEAN NOT NULL DEFAULT true,
    "status" "task_status" NOT NULL DEFAULT 'pending',
    "last_run_time" TIMESTAMPTZ(3),
    "next_run_time" TIMESTAMPTZ(3),
    "total_runs" INTEGER NOT NULL DEFAULT 0,
    "success_runs" INTEGER NOT NULL DEFAULT 0,
    "max_runtime_minutes" INTEGER NOT NULL DEFAULT 30,
    "created_by" INTEGER,
    "owner_instance_id" UUID,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "started_at" TIMESTAMPTZ(3),
    "heartbeat_at" TIMESTAMPTZ(3),
    "status_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "diagnosis_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diagnosis_task_cameras" (
    "task_id" INTEGER NOT NULL,
    "camera_id" INTEGER NOT NULL,

    CONSTRAINT "diagnosis_task_cameras_pkey" PRIMARY KEY ("task_id","camera_id")
);

-- CreateTable
CREATE TABLE "executor_instances" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_interval_ms" INTEGER NOT NULL DEFAULT 10000,
    "stopped_at" TIMESTAMPTZ(3),
    "version" TEXT,

    CONSTRAINT "executor_instances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_runs" (
    "id" BIGSERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "instance_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,

    CONSTRAINT "task_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "diagnosis_results" (
    "id" BIGSERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "run_id" BIGINT NOT NULL,
    "camera_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verdict" TEXT NOT NULL,
    "findings" TEXT[],
    "checks" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "thumbnail" BYTEA,
    "frame_width" INTEGER,
    "frame_height" INTEGER,

    CONSTRAINT "diagnosis_results_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "camera_fingerprints" (
    "id" BIGSERIAL NOT NULL,
    "camera_id" INTEGER NOT NULL,
    "captured_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fingerprint" BYTEA NOT NULL,

    CONSTRAINT "camera_fingerprints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recovery_audits" (
    "id" BIGSERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "task_name" TEXT NOT NULL,
    "recovered_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_user_id" INTEGER,
    "actor_token_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "mode" TEXT NOT NULL,
    "reason_code" TEXT NOT NULL,
    "reason_text" TEXT NOT NULL,
    "new_status" "task_status" NOT NULL,
    "prior_status" "task_status" NOT NULL,
    "prior_owner_instance_id" UUID,
    "prior_attempt" INTEGER NOT NULL,
    "prior_started_at" TIMESTAMPTZ(3),
    "prior_heartbeat_at" TIMESTAMPTZ(3),
    "prior_last_run_time" TIMESTAMPTZ(3),

    CONSTRAINT "recovery_audits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "cameras_name_key" ON "cameras"("name");

-- CreateIndex
CREATE INDEX "diagnosis_tasks_status_idx" ON "diagnosis_tasks"("status");

-- CreateIndex
CREATE INDEX "diagnosis_tasks_is_active_status_next_run_time_idx" ON "diagnosis_tasks"("is_active", "status", "next_run_time");

-- CreateIndex
CREATE INDEX "diagnosis_tasks_name_idx" ON "diagnosis_tasks"("name");

-- CreateIndex
CREATE INDEX "diagnosis_task_cameras_camera_id_idx" ON "diagnosis_task_cameras"("camera_id");

-- CreateIndex
CREATE INDEX "task_runs_instance_id_idx" ON "task_runs"("instance_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_runs_task_id_attempt_key" ON "task_runs"("task_id", "attempt");

-- CreateIndex
CREATE INDEX "diagnosis_results_task_id_created_at_idx" ON "diagnosis_results"("task_id", "created_at");

-- CreateIndex
CREATE INDEX "diagnosis_results_camera_id_created_at_idx" ON "diagnosis_results"("camera_id", "created_at");

-- CreateIndex
CREATE INDEX "diagnosis_results_run_id_idx" ON "diagnosis_results"("run_id");

-- CreateIndex
CREATE INDEX "camera_fingerprints_camera_id_captured_at_idx" ON "camera_fingerprints"("camera_id", "captured_at");

-- CreateIndex
CREATE INDEX "recovery_audits_task_id_recovered_at_idx" ON "recovery_audits"("task_id", "recovered_at");

-- CreateIndex
CREATE INDEX "recovery_audits_recovered_at_idx" ON "recovery_audits"("recovered_at");

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_tasks" ADD CONSTRAINT "diagnosis_tasks_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_tasks" ADD CONSTRAINT "diagnosis_tasks_owner_instance_id_fkey" FOREIGN KEY ("owner_instance_id") REFERENCES "executor_instances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_task_cameras" ADD CONSTRAINT "diagnosis_task_cameras_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "diagnosis_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_task_cameras" ADD CONSTRAINT "diagnosis_task_cameras_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "cameras"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_runs" ADD CONSTRAINT "task_runs_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "diagnosis_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_runs" ADD CONSTRAINT "task_runs_instance_id_fkey" FOREIGN KEY ("instance_id") REFERENCES "executor_instances"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_results" ADD CONSTRAINT "diagnosis_results_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "diagnosis_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_results" ADD CONSTRAINT "diagnosis_results_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "task_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "diagnosis_results" ADD CONSTRAINT "diagnosis_results_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "cameras"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "camera_fingerprints" ADD CONSTRAINT "camera_fingerprints_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "cameras"("id") ON DELETE CASCADE ON UPDATE CASCADE;
