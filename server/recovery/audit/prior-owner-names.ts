import "server-only";
import { getDb } from "@/server/db/client";
import { executorName } from "@/shared/executor-name";

/**
 * The executors that held the audited runs, named host:pid, by instance id. The audit stores the
 * instance id (a key that stays unique when a host reuses a pid); executor rows are never deleted,
 * so one query per page or export batch names them all.
 */
export async function priorOwnerNames(ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const db = await getDb();
  const rows = await db.executorInstance.findMany({ where: { id: { in: wanted } }, select: { id: true, host: true, pid: true } });
  return new Map(rows.map((r) => [r.id, executorName(r)]));
}
