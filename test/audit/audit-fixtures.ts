import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";

let next = 0;
/** A task id no other test uses (audit rows do not reference the tasks table, so none needs to exist). */
export const uniqueTaskId = () => 900_000_000 + ((process.pid * 1_000 + ++next + Math.floor(Math.random() * 1e6)) % 90_000_000);

/** Audit rows for one made-up task; `minutesAgo[i]` backdates row i (default: i minutes ago). */
export async function auditRows(count: number, overrides: Record<string, unknown> = {}, minutesAgo?: number[]) {
  const db = await getDb();
  const taskId = (overrides.taskId as number | undefined) ?? uniqueTaskId();
  const taskName = (overrides.taskName as string | undefined) ?? uniqueName("audited");
  const now = Date.now();
  await db.recoveryAudit.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      taskId,
      taskName,
      recoveredAt: new Date(now - (minutesAgo?.[i] ?? i) * 60_000),
      actorType: "user",
      actorLabel: "test-admin",
      mode: "bulk",
      reasonCode: "executor_dead",
      reasonText: "执行器已失联",
      newStatus: "pending" as const,
      priorStatus: "running" as const,
      priorAttempt: i + 1,
      ...overrides,
    })),
  });
  return { taskId, taskName };
}
