-- AlterTable
-- Where the current run is, written with the run's heartbeat (and when it moves to the next camera):
-- camera i of N, which camera, the phase (grabbing | analysing | saving) and since when. A claim
-- clears them; they stay after the run ends, so a reset run's audit row can say where it stopped.
ALTER TABLE "diagnosis_tasks" ADD COLUMN     "progress_camera_id" INTEGER,
ADD COLUMN     "progress_camera_name" TEXT,
ADD COLUMN     "progress_index" INTEGER,
ADD COLUMN     "progress_phase" TEXT,
ADD COLUMN     "progress_phase_at" TIMESTAMPTZ(3),
ADD COLUMN     "progress_total" INTEGER;
