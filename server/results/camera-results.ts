import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { cameraIdSchema } from "@/server/cameras/camera-input";
import { pageFields } from "@/server/params/pagination";
import { resultViewSelect, toResultView, type ResultView } from "./result-view";

export const cameraResultsInput = z.strictObject({
  cameraId: cameraIdSchema,
  ...pageFields(100, 20),
});
export type CameraResultsInput = z.input<typeof cameraResultsInput>;

export interface CameraResultPage {
  items: ResultView[];
  total: number;
  page: number;
  pageSize: number;
}

/** A camera's results, newest first, with their findings and metric values (never the image bytes). */
export async function listCameraResults(raw: CameraResultsInput): Promise<CameraResultPage> {
  const input = cameraResultsInput.parse(raw);
  const db = await getDb();
  const camera = await db.camera.findUnique({ where: { id: input.cameraId }, select: { id: true } });
  if (!camera) throw notFound(`摄像头 ${input.cameraId} 不存在 (camera ${input.cameraId} does not exist).`);
  const where = { cameraId: input.cameraId };
  const [rows, total] = await Promise.all([
    db.diagnosisResult.findMany({
      where,
      select: resultViewSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (input.page - 1) * input.pageSize,
      take: input.pageSize,
    }),
    db.diagnosisResult.count({ where }),
  ]);
  const withImage = await thumbnailIds(rows.map((r) => r.id));
  return { items: rows.map((r) => toResultView(r, withImage.has(r.id))), total, page: input.page, pageSize: input.pageSize };
}

/** Which of these results have a thumbnail, asked without reading the bytes. */
async function thumbnailIds(ids: bigint[]): Promise<Set<bigint>> {
  if (ids.length === 0) return new Set();
  const db = await getDb();
  const rows = await db.$queryRaw<Array<{ id: bigint }>>`
    SELECT id FROM diagnosis_results WHERE id = ANY(${ids.map(String)}::bigint[]) AND thumbnail IS NOT NULL`;
  return new Set(rows.map((r) => r.id));
}
