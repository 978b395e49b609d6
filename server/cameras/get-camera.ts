import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { cameraViewSelect, toCameraView, type CameraView } from "./camera-view";

export async function getCamera(id: number): Promise<CameraView> {
  const db = await getDb();
  const row = await db.camera.findUnique({ where: { id }, select: cameraViewSelect });
  if (!row) throw notFound(`摄像头 ${id} 不存在 (camera ${id} does not exist).`);
  return toCameraView(row);
}
