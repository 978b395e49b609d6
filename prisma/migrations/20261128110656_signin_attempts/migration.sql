-- CreateTable
CREATE TABLE "signin_attempts" (
    "scope" VARCHAR(16) NOT NULL,
    "subject" VARCHAR(128) NOT NULL,
    "failures" INTEGER NOT NULL,
    "window_started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "signin_attempts_pkey" PRIMARY KEY ("scope","subject")
);

-- CreateIndex
CREATE INDEX "signin_attempts_window_started_at_idx" ON "signin_attempts"("window_started_at");
