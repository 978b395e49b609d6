import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { idSchema } from "@/server/params/id";
import { containsText, searchTextSchema } from "@/server/params/name-search";
import { pageFields } from "@/server/params/pagination";
import { priorOwnerNames } from "./prior-owner-names";

export const RECOVERY_MODES = ["manual", "bulk", "force", "auto", "cli"] as const;
export const ACTOR_TYPES = ["user", "token", "watchdog", "cli"] as const;

const auditFilterFields = z.strictObject({
  taskId: idSchema.optional(),
  /** Part of the task name, any case. */
  q: searchTextSchema.optional(),
  mode: z.array(z.enum(RECOVERY_MODES)).max(RECOVERY_MODES.length).optional(),
  actorType: z.array(z.enum(ACTOR_TYPES)).max(ACTOR_TYPES.length).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
});
const fromNotAfterTo = (f: { from?: Date; to?: Date }) => !f.from || !f.to || f.from <= f.to;
const fromAfterTo = { message: "开始时间不能晚于结束时间 (from must not be after to).", path: ["from"] };

/** Filters shared by the list (tRPC, CLI) and the export (REST, CLI). */
export const auditFilterInput = auditFilterFields.refine(fromNotAfterTo, fromAfterTo);
export type AuditFilter = z.input<typeof auditFilterInput>;

export const listAuditsInput = auditFilterFields
  .extend({
    ...pageFields(200, 50),
  })
  .refine(fromNotAfterTo, fromAfterTo);
export type ListAuditsInput = z.input<typeof listAuditsInput>;

/** Every column of a recovery_audits row; the id is a string because it is a BigInt. */
export interface AuditView {
  id: string;
  taskId: number;
  taskName: string;
  recoveredAt: Date;
  actorType: string;
  actorUserId: number | null;
  actorTokenId: number | null;
  actorLabel: string;
  mode: string;
  reasonCode: string;
  reasonText: string;
  newStatus: string;
  priorStatus: string;
  priorOwnerInstanceId: string | null;
  /** That executor as people name it, host:pid (not a column: read from executor_instances). */
  priorOwner: string | null;
  priorAttempt: number;
  priorStartedAt: Date | null;
  priorHeartbeatAt: Date | null;
  priorLastRunTime: Date | null;
  reasonRuntimeLimit: number | null;
  stoppedPhase: string | null;
  stoppedCameraName: string | null;
  stoppedIndex: number | null;
  stoppedTotal: number | null;
  stoppedWaitedMinutes: number | null;
}

export interface AuditPage {
  items: AuditView[];
  total: number;
  page: number;
  pageSize: number;
}

type AuditRow = Prisma.RecoveryAuditGetPayload<object>;

/** Audit rows as the console, the CLI and the export show them: each prior executor named host:pid. */
export async function toAuditViews(rows: AuditRow[]): Promise<AuditView[]> {
  const names = await priorOwnerNames(rows.map((r) => r.priorOwnerInstanceId));
  return rows.map((row) => ({
    ...row,
    id: row.id.toString(),
    priorOwner: row.priorOwnerInstanceId ? (names.get(row.priorOwnerInstanceId) ?? null) : null,
  }));
}

export function auditWhere(filter: z.output<typeof auditFilterInput>): Prisma.RecoveryAuditWhereInput {
  return {
    ...(filter.taskId ? { taskId: filter.taskId } : {}),
    ...(filter.q ? { taskName: containsText(filter.q) } : {}),
    ...(filter.mode?.length ? { mode: { in: filter.mode } } : {}),
    ...(filter.actorType?.length ? { actorType: { in: filter.actorType } } : {}),
    ...(filter.from || filter.to
      ? { recoveredAt: { ...(filter.from && { gte: filter.from }), ...(filter.to && { lte: filter.to }) } }
      : {}),
  };
}

/** Newest first; ties (one bulk recovery writes many rows at the same instant) by id, descending. */
export const auditOrder: Prisma.RecoveryAuditOrderByWithRelationInput[] = [{ recoveredAt: "desc" }, { id: "desc" }];

/** One page of the recovery audit, newest first. */
export async function listAudits(raw: ListAuditsInput = {}): Promise<AuditPage> {
  const input = listAuditsInput.parse(raw);
  const where = auditWhere(input);
  const db = await getDb();
  const [rows, total] = await Promise.all([
    db.recoveryAudit.findMany({ where, orderBy: auditOrder, skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    db.recoveryAudit.count({ where }),
  ]);
  return { items: await toAuditViews(rows), total, page: input.page, pageSize: input.pageSize };
}
