-- CreateTable
CREATE TABLE "metric_samples" (
    "id" BIGSERIAL NOT NULL,
    "sampled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instance_id" UUID,
    "running_tasks" INTEGER NOT NULL,
    "stuck_tasks" INTEGER NOT NULL,

    CONSTRAINT "metric_samples_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_states" (
    "rule_name" TEXT NOT NULL,
    "firing" BOOLEAN NOT NULL DEFAULT false,
    "last_value" DOUBLE PRECISION,
    "last_fired_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_states_pkey" PRIMARY KEY ("rule_name")
);

-- CreateTable
CREATE TABLE "alert_events" (
    "id" BIGSERIAL NOT NULL,
    "rule_name" TEXT NOT NULL,
    "fired_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "message" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "delivery" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "alert_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "metric_samples_sampled_at_idx" ON "metric_samples"("sampled_at");

-- CreateIndex
CREATE INDEX "alert_events_fired_at_idx" ON "alert_events"("fired_at");
