import "server-only";
import { getDb } from "@/server/db/client";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { currentFindings } from "@/server/results/current-findings";
import { TASK_STATUSES } from "@/server/tasks/list-tasks";

type TaskStatus = (typeof TASK_STATUSES)[number];

export interface StatusSummary {
  total: number;
  byStatus: Record<TaskStatus, number>;
  active: number;
  /** Active tasks whose next run time has come (the executor claims them at its next poll). */
  due: number;
  /** Running tasks the stuck check calls stuck now, and of those, how many nothing is working on. */
  stuck: number;
  stuckNotRunning: number;
  /** Active cameras whose newest result shows a finding nobody acknowledged, and how many of those are critical. */
  camerasOpen: number;
  camerasOpenCritical: number;
  /** Active cameras whose newest result shows findings, every one of them acknowledged. */
  camerasAcknowledged: number;
  checkedAt: Date;
}

/** The dashboard's counts: tasks per status (one grouped query on the status index) and stuck now. */
export async function statusSummary(): Promise<StatusSummary> {
  const db = await getDb();
  const [groups, active, due, check, findings] = await Promise.all([
    db.diagnosisTask.groupBy({ by: ["status"], _count: { _all: true } }),
    db.diagnosisTask.count({ where: { isActive: true } }),
    // By the database's clock, the one the executor's claim compares next_run_time with.
    db.$queryRaw<
      [{ n: number }]
    >`SELECT count(*)::int AS n FROM diagnosis_tasks WHERE is_active AND status <> 'running' AND next_run_time <= now()`,
    checkStuckTasks(),
    currentFindings(),
  ]);
  const open = findings.filter((f) => !f.acknowledged);
  const openCameras = new Set(open.map((f) => f.cameraId));
  const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
  for (const g of groups) byStatus[g.status] = g._count._all;
  return {
    total: Object.values(byStatus).reduce((a, b) => a + b, 0),
    byStatus,
    active,
    due: due[0].n,
    stuck: check.stuck.length,
    stuckNotRunning: check.stuck.filter((t) => !t.is_actually_running).length,
    camerasOpen: openCameras.size,
    camerasOpenCritical: new Set(open.filter((f) => f.severity === "critical").map((f) => f.cameraId)).size,
    camerasAcknowledged: new Set(findings.filter((f) => !openCameras.has(f.cameraId)).map((f) => f.cameraId)).size,
    checkedAt: check.checkedAt,
  };
}
