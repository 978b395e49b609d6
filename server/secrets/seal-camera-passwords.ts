import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { logger } from "@/server/logging/logger";
import { isSealed, sealSecret } from "./seal-secret";

/**
 * Seals the camera passwords that older versions stored in plaintext. Runs at every process start
 * that migrates (cheap when there is nothing to do, and no key is made unless something is sealed).
 * Each update is conditional on the row still holding that plaintext, so two processes starting at
 * once cannot seal one value twice or overwrite a password changed meanwhile.
 */
export async function sealPlaintextCameraPasswords(db: PrismaClient): Promise<number> {
  const rows = await db.$queryRaw<Array<{ id: number; source_password: string }>>`
    SELECT id, source_password FROM cameras WHERE source_password IS NOT NULL AND source_password NOT LIKE 'v1:%'`;
  let sealed = 0;
  for (const row of rows) {
    if (isSealed(row.source_password)) continue;
    sealed += await db.$executeRaw`
      UPDATE cameras SET source_password = ${sealSecret(row.source_password)}
      WHERE id = ${row.id} AND source_password = ${row.source_password}`;
  }
  if (sealed > 0) logger.info({ cameras: sealed }, "sealed camera passwords that were stored in plaintext");
  return sealed;
}
