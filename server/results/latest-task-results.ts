import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { resultViewSelect, toResultView, type ResultView } from "./result-view";

/** One camera of a task with its newest result from that task (null before the first run reached it). */
export interface CameraLatestResult {
  camera: { id: number; name: string; location: string | null };
  result: ResultView | null;
}

interface Row {
  camera_id: number;
  name: string;
  location: string | null;
  result_id: bigint | null;
  has_thumbnail: boolean | null;
}

/**
 * The newest result of each camera the task checks now, from this task's runs. One lookup per camera
 * on the (camera_id, created_at) index; the image bytes are never read, only whether there is one.
 */
export async function latestTaskResults(taskId: number): Promise<CameraLatestResult[]> {
  const db = await getDb();
  const task = await db.diagnosisTask.findUnique({ where: { id: taskId }, select: { id: true } });
  if (!task) throw notFound(`任务 ${taskId} 不存在 (task ${taskId} does not exist).`);
  const rows = await db.$queryRaw<Row[]>`
    SELECT c.id AS camera_id, c.name, c.location, r.id AS result_id, r.has_thumbnail
    FROM diagnosis_task_cameras tc
    JOIN cameras c ON c.id = tc.camera_id
    LEFT JOIN LATERAL (
      SELECT id, thumbnail IS NOT NULL AS has_thumbnail FROM diagnosis_results
      WHERE camera_id = tc.camera_id AND task_id = tc.task_id
      ORDER BY created_at DESC, id DESC LIMIT 1
    ) r ON true
    WHERE tc.task_id = ${taskId}
    ORDER BY c.name, c.id`;
  const ids = rows.flatMap((r) => (r.result_id === null ? [] : [r.result_id]));
  const results = ids.length ? await db.diagnosisResult.findMany({ where: { id: { in: ids } }, select: resultViewSelect }) : [];
  const byId = new Map(results.map((r) => [r.id, r]));
  return rows.map((r) => {
    const result = r.result_id === null ? undefined : byId.get(r.result_id);
    return {
      camera: { id: r.camera_id, name: r.name, location: r.location },
      result: result ? toResultView(result, r.has_thumbnail === true) : null,
    };
  });
}
