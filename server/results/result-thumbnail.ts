import "server-only";
import { getDb } from "@/server/db/client";
import { badRequest, notFound } from "@/server/errors";

/** The stored JPEG preview of a result's frame; NOT_FOUND when the result or its image does not exist. */
export async function getResultThumbnail(rawId: string): Promise<Buffer> {
  if (!/^\d{1,18}$/.test(rawId)) throw badRequest("结果 id 必须是正整数 (a result id is a positive whole number).");
  const db = await getDb();
  const row = await db.diagnosisResult.findUnique({ where: { id: BigInt(rawId) }, select: { thumbnail: true } });
  if (!row) throw notFound(`结果 ${rawId} 不存在 (result ${rawId} does not exist).`);
  if (!row.thumbnail)
    throw notFound(`结果 ${rawId} 没有图像：画面未能抓取或读取 (result ${rawId} has no image: its frame could not be grabbed or read).`);
  return Buffer.from(row.thumbnail);
}
