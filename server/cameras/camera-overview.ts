import "server-only";
import { getDb } from "@/server/db/client";
import { latestResultsByCamera, type LatestResult } from "@/server/results/latest-results";
import { listCameras, type CameraPage, type ListCamerasInput } from "./list-cameras";
import type { CameraView } from "./camera-view";

export interface CameraTaskRef {
  id: number;
  name: string;
}

export type CameraOverview = CameraView & { tasks: CameraTaskRef[]; latest: LatestResult | null };

/** The camera list as the console shows it: each camera with the tasks that use it and its newest result. */
export async function listCameraOverview(input: ListCamerasInput = {}): Promise<Omit<CameraPage, "items"> & { items: CameraOverview[] }> {
  const page = await listCameras(input);
  const ids = page.items.map((c) => c.id);
  const [tasks, latest] = await Promise.all([tasksUsingCameras(ids), latestResultsByCamera(ids)]);
  return { ...page, items: page.items.map((c) => ({ ...c, tasks: tasks.get(c.id) ?? [], latest: latest.get(c.id) ?? null })) };
}

/** The tasks that use each camera, by task name. */
export async function tasksUsingCameras(cameraIds: number[]): Promise<Map<number, CameraTaskRef[]>> {
  const db = await getDb();
  const rows = await db.diagnosisTaskCamera.findMany({
    where: { cameraId: { in: cameraIds } },
    select: { cameraId: true, task: { select: { id: true, name: true } } },
    orderBy: [{ task: { name: "asc" } }, { taskId: "asc" }],
  });
  const byCamera = new Map<number, CameraTaskRef[]>();
  for (const row of rows) byCamera.set(row.cameraId, [...(byCamera.get(row.cameraId) ?? []), row.task]);
  return byCamera;
}
