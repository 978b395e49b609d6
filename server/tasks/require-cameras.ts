import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { badRequest } from "@/server/errors";

/**
 * Refuses camera ids that do not exist, naming them. FOR KEY SHARE keeps the cameras from being deleted
 * until the transaction that links them commits; without it a concurrent delete would surface as a raw
 * foreign-key error instead of this sentence.
 */
export async function requireCameras(tx: Prisma.TransactionClient, ids: number[]): Promise<void> {
  const found = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM cameras WHERE id = ANY(${ids}::int[]) FOR KEY SHARE`;
  const existing = new Set(found.map((row) => row.id));
  const missing = ids.filter((id) => !existing.has(id));
  if (missing.length === 1)
    throw badRequest(`摄像头 ${missing[0]} 不存在 (camera ${missing[0]} does not exist).`, { missingCameraIds: missing });
  if (missing.length > 1)
    throw badRequest(`摄像头 ${missing.join("、")} 不存在 (cameras ${missing.join(", ")} do not exist).`, { missingCameraIds: missing });
}
