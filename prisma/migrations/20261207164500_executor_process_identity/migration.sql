-- AlterTable
-- Which machine and process an executor is, so that a process on the same machine can see at once that
-- it died (its pid is gone, or now belongs to a later process) instead of waiting for missed heartbeats.
-- machine_id: the kernel's boot id plus the pid namespace (two containers on one kernel share the boot id
-- but not their pids); process_start: the process's start time in clock ticks since boot (/proc/<pid>/stat).
-- NULL for rows written before this migration and on systems without /proc: those keep the heartbeat rule.
ALTER TABLE "executor_instances" ADD COLUMN "machine_id" TEXT,
ADD COLUMN "process_start" TEXT;
