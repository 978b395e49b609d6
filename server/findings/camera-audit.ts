import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { actorColumns, type AuditActor } from "./audit-actor";

export const CAMERA_AUDIT_ACTIONS = ["acknowledge", "set_reference", "clear_reference"] as const;
export type CameraAuditAction = (typeof CAMERA_AUDIT_ACTIONS)[number];

export interface CameraAuditView {
  id: string;
  at: Date;
  action: CameraAuditAction;
  actorLabel: string;
  codes: string[];
  note: string | null;
}

/** Records one change in the caller's transaction, so the change and its audit row commit together. */
export async function recordCameraAudit(
  tx: Prisma.TransactionClient,
  camera: { id: number; name: string },
  actor: AuditActor,
  action: CameraAuditAction,
  details: { codes?: string[]; note?: string | null } = {},
): Promise<void> {
  await tx.cameraAudit.create({
    data: {
      cameraId: camera.id,
      cameraName: camera.name,
      ...actorColumns(actor),
      action,
      codes: details.codes ?? [],
      note: details.note ?? null,
    },
  });
}

/** A camera's audit, newest first (the last `limit` entries). */
export async function listCameraAudit(cameraId: number, limit = 50): Promise<CameraAuditView[]> {
  const db = await getDb();
  const rows = await db.cameraAudit.findMany({ where: { cameraId }, orderBy: [{ at: "desc" }, { id: "desc" }], take: limit });
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    action: r.action as CameraAuditAction,
    actorLabel: r.actorLabel,
    codes: r.codes,
    note: r.note,
  }));
}
