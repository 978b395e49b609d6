import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { asRunNote, type RunNote } from "@/shared/run-note";

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
  statusNote: true,
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
export type TaskView = Omit<Row, "cameras" | "statusNote"> & { cameras: Row["cameras"][number]["camera"][]; statusNote: RunNote | null };

export const toTaskView = ({ cameras, statusNote, ...task }: Row): TaskView => ({
  ...task,
  statusNote: asRunNote(statusNote),
  cameras: cameras.map((c) => c.camera),
});
