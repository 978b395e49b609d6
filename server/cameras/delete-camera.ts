import "server-only";
import { getDb } from "@/server/db/client";
import { conflict, notFound } from "@/server/errors";

const NAMED_TASKS = 5;

/**
 * Deletes a camera that no task uses; its results and fingerprints go with it. Refused with
 * CONFLICT, naming the tasks, while any task uses it: deleting it would silently shrink those tasks.
 */
export async function deleteCamera(id: number): Promise<{ id: number; name: string }> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // FOR UPDATE on the camera row: adding the camera to a task takes a key-share lock on this row
    // (the foreign key check), so no task can start using it between our check and the delete.
    const [camera] = await tx.$queryRaw<Array<{ id: number; name: string }>>`SELECT id, name FROM cameras WHERE id = ${id} FOR UPDATE`;
    if (!camera) throw notFound(`摄像头 ${id} 不存在 (camera ${id} does not exist).`);
    const uses = await tx.diagnosisTaskCamera.findMany({
      where: { cameraId: id },
      select: { task: { select: { id: true, name: true } } },
      orderBy: { taskId: "asc" },
    });
    if (uses.length > 0) {
      const tasks = uses.map((u) => u.task);
      const named = tasks
        .slice(0, NAMED_TASKS)
        .map((t) => `"${t.name}" (#${t.id})`)
        .join(", ");
      const rest = tasks.length - NAMED_TASKS;
      const one = tasks.length === 1;
      const zh = one
        ? `摄像头 "${camera.name}" 正被任务 ${named} 使用，请先从该任务中移除`
        : `摄像头 "${camera.name}" 正被 ${tasks.length} 个任务使用：${named}${rest > 0 ? " 等" : ""}，请先从这些任务中移除`;
      const en = `camera "${camera.name}" is used by ${one ? "task" : `${tasks.length} tasks:`} ${named}${rest > 0 ? ` and ${rest} more` : ""}; remove it from ${one ? "that task" : "them"} first`;
      throw conflict(`${zh} (${en}).`, {
        taskIds: tasks.map((t) => t.id),
      });
    }
    await tx.camera.delete({ where: { id } });
    return camera;
  });
}
