import "server-only";
import type { Prisma } from "@/server/db/generated/client";

/** What every task listing and detail shows. Camera credentials are never selected. */
export const taskViewSelect = {
  id: true,
  name: true,
  description: true,
  status: true,
  isActive: true,
  checks: true,
  thresholds: true,
  scheduleType: true,
  intervalMinutes: true,
  cronExpression: true,
  lastRunTime: true,
  nextRunTime: true,
  totalRuns: true,
  successRuns: true,
  maxRuntimeMinutes: true,
  attempt: true,
  startedAt: true,
  heartbeatAt: true,
  ownerInstanceId: true,
  statusReason: true,
  lastRunOutcome: true,
  progressIndex: true,
  progressTotal: true,
  progressCamera: true,
  progressPhase: true,
  progressPhaseAt: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, host: true, pid: true, kind: true } },
  createdBy: { select: { id: true, username: true } },
  cameras: { select: { camera: { select: { id: true, name: true, location: true } } }, orderBy: { cameraId: "asc" } },
} satisfies Prisma.DiagnosisTaskSelect;

type Row = Prisma.DiagnosisTaskGetPayload<{ select: typeof taskViewSelect }>;
export type TaskView = Omit<Row, "cameras"> & { cameras: Row["cameras"][number]["camera"][] };

export const toTaskView = ({ cameras, ...task }: Row): TaskView => ({ ...task, cameras: cameras.map((c) => c.camera) });
