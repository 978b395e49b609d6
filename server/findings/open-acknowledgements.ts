import "server-only";
import { getDb } from "@/server/db/client";

/** A finding someone took on ("已确认"): who, when, why. */
export interface AcknowledgementView {
  code: string;
  acknowledgedAt: Date;
  actorLabel: string;
  note: string | null;
}

/** The acknowledgements still in force on these cameras, by camera id and finding code. */
export async function openAcknowledgements(cameraIds: number[]): Promise<Map<number, Record<string, AcknowledgementView>>> {
  const byCamera = new Map<number, Record<string, AcknowledgementView>>();
  if (cameraIds.length === 0) return byCamera;
  const db = await getDb();
  const rows = await db.findingAcknowledgement.findMany({
    where: { cameraId: { in: cameraIds }, endedAt: null },
    select: { cameraId: true, code: true, acknowledgedAt: true, actorLabel: true, note: true },
    orderBy: { id: "asc" },
  });
  for (const { cameraId, ...ack } of rows) byCamera.set(cameraId, { ...byCamera.get(cameraId), [ack.code]: ack });
  return byCamera;
}

/** Acknowledgements in force on one camera, by finding code. */
export const cameraAcknowledgements = async (cameraId: number) => (await openAcknowledgements([cameraId])).get(cameraId) ?? {};
