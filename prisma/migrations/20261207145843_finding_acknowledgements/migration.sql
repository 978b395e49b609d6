-- CreateTable
CREATE TABLE "finding_acknowledgements" (
    "id" BIGSERIAL NOT NULL,
    "camera_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "result_id" BIGINT,
    "acknowledged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_user_id" INTEGER,
    "actor_token_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "note" TEXT,
    "ended_at" TIMESTAMPTZ(3),

    CONSTRAINT "finding_acknowledgements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "camera_audits" (
    "id" BIGSERIAL NOT NULL,
    "camera_id" INTEGER NOT NULL,
    "camera_name" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_user_id" INTEGER,
    "actor_token_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "codes" TEXT[],
    "note" TEXT,

    CONSTRAINT "camera_audits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "finding_acknowledgements_camera_id_ended_at_idx" ON "finding_acknowledgements"("camera_id", "ended_at");

-- CreateIndex
CREATE INDEX "camera_audits_camera_id_at_idx" ON "camera_audits"("camera_id", "at");

-- AddForeignKey
ALTER TABLE "finding_acknowledgements" ADD CONSTRAINT "finding_acknowledgements_camera_id_fkey" FOREIGN KEY ("camera_id") REFERENCES "cameras"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- An acknowledgement covers its finding while the camera keeps showing it. A new result ends it when
-- the check ran and did not find the problem (the camera is normal again on that measure) or, for
-- `offline`, when a frame was grabbed at all. A result that did not run the check (another task's
-- checks), or in which the finding was only hidden behind a root cause, leaves it in place. Done by the
-- database on every insert, so no write path (executor, CLI, a hand-written INSERT) can forget it.
CREATE FUNCTION end_cleared_acknowledgements() RETURNS trigger AS $$
BEGIN
  UPDATE finding_acknowledgements a SET ended_at = NEW.created_at
  WHERE a.camera_id = NEW.camera_id
    AND a.ended_at IS NULL
    AND NOT (a.code = ANY (NEW.findings))
    AND CASE
      WHEN a.code = 'offline' THEN NEW.verdict <> 'error'
      ELSE NEW.checks ? a.code AND coalesce((NEW.checks -> a.code ->> 'abnormal')::boolean, false) = false
    END;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER diagnosis_results_end_cleared_acknowledgements
  AFTER INSERT ON diagnosis_results
  FOR EACH ROW
  EXECUTE FUNCTION end_cleared_acknowledgements();
