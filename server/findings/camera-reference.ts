import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { FrameReference } from "@/server/diagnosis";
import { conflict, notFound } from "@/server/errors";
import type { AuditActor } from "./audit-actor";
import { recordCameraAudit } from "./camera-audit";

/** What the camera page shows of a taught reference. */
export interface CameraReferenceView {
  setAt: Date;
  setBy: string;
  resultId: string | null;
  hasThumbnail: boolean;
}

const missing = (id: number) => notFound(`摄像头 ${id} 不存在 (camera ${id} does not exist).`);

async function lockCamera(tx: Prisma.TransactionClient, id: number) {
  const [camera] = await tx.$queryRaw<Array<{ id: number; name: string }>>`SELECT id, name FROM cameras WHERE id = ${id} FOR UPDATE`;
  if (!camera) throw missing(id);
  return camera;
}

/**
 * "设为基准画面": the camera's newest analysed frame becomes its normal. Its checks, fingerprint and
 * thumbnail are copied onto the camera (the result may be pruned later), with who and when; audited.
 */
export async function setCameraReference(cameraId: number, actor: AuditActor): Promise<CameraReferenceView> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const camera = await lockCamera(tx, cameraId);
    const result = await tx.diagnosisResult.findFirst({
      where: { cameraId, verdict: { not: "error" } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, checks: true, thumbnail: true, createdAt: true },
    });
    if (!result)
      throw conflict(
        `摄像头“${camera.name}”还没有诊断过的画面，无法设为基准 (camera "${camera.name}" has no analysed frame yet to take as its reference).`,
      );
    // The fingerprint stored with that run: the newest one not younger than the result.
    const fingerprint = await tx.cameraFingerprint.findFirst({
      where: { cameraId, capturedAt: { lte: new Date(result.createdAt.getTime() + 60_000) } },
      orderBy: [{ capturedAt: "desc" }, { id: "desc" }],
      select: { fingerprint: true },
    });
    await tx.camera.update({
      where: { id: cameraId },
      data: {
        referenceChecks: result.checks ?? {},
        referenceFingerprint: fingerprint?.fingerprint ?? null,
        referenceThumbnail: result.thumbnail,
        referenceResultId: result.id,
        referenceSetAt: new Date(),
        referenceSetBy: actor.label,
      },
    });
    await recordCameraAudit(tx, camera, actor, "set_reference");
  });
  return (await getCameraReference(cameraId))!;
}

/** Forgets the camera's reference: every check judges it absolutely again. Audited. */
export async function clearCameraReference(cameraId: number, actor: AuditActor): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const camera = await lockCamera(tx, cameraId);
    await tx.camera.update({
      where: { id: cameraId },
      data: {
        referenceFingerprint: null,
        referenceThumbnail: null,
        referenceResultId: null,
        referenceSetAt: null,
        referenceSetBy: null,
      },
    });
    await tx.$executeRaw`UPDATE cameras SET reference_checks = NULL WHERE id = ${cameraId}`;
    await recordCameraAudit(tx, camera, actor, "clear_reference");
  });
}

/** The camera's reference as the page shows it, or null when none is set. */
export async function getCameraReference(cameraId: number): Promise<CameraReferenceView | null> {
  const db = await getDb();
  const [row] = await db.$queryRaw<
    Array<{ set_at: Date | null; set_by: string | null; result_id: bigint | null; has_thumbnail: boolean }>
  >`SELECT reference_set_at AS set_at, reference_set_by AS set_by, reference_result_id AS result_id,
       reference_thumbnail IS NOT NULL AS has_thumbnail FROM cameras WHERE id = ${cameraId}`;
  if (!row) throw missing(cameraId);
  if (!row.set_at) return null;
  return { setAt: row.set_at, setBy: row.set_by ?? "", resultId: row.result_id?.toString() ?? null, hasThumbnail: row.has_thumbnail };
}

/** The reference frame's thumbnail (JPEG); NOT_FOUND without one. */
export async function getReferenceThumbnail(cameraId: number): Promise<Buffer> {
  const db = await getDb();
  const row = await db.camera.findUnique({ where: { id: cameraId }, select: { referenceThumbnail: true } });
  if (!row) throw missing(cameraId);
  if (!row.referenceThumbnail) throw notFound(`摄像头 ${cameraId} 没有基准画面 (camera ${cameraId} has no reference frame).`);
  return Buffer.from(row.referenceThumbnail);
}

/** What the engine needs of the camera's reference when diagnosing it (undefined when none is set). */
export async function loadFrameReference(cameraId: number): Promise<FrameReference | undefined> {
  const db = await getDb();
  const row = await db.camera.findUnique({ where: { id: cameraId }, select: { referenceChecks: true, referenceFingerprint: true } });
  const checks = row?.referenceChecks;
  if (!checks || typeof checks !== "object" || Array.isArray(checks)) return undefined;
  return {
    checks: checks as FrameReference["checks"],
    fingerprint: row.referenceFingerprint ? Buffer.from(row.referenceFingerprint) : null,
  };
}
