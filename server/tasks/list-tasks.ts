import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { containsText, searchTextSchema } from "@/server/params/name-search";
import { pageFields } from "@/server/params/pagination";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { executorName } from "@/shared/executor-name";
import { UUID_SHAPE } from "@/shared/uuid-shape";
import { withStuck, type TaskWithStuck } from "./task-stuck";
import { taskViewSelect, toTaskView } from "./task-view";

export const TASK_STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export const TASK_SORTS = ["id", "name", "status", "lastRunTime", "nextRunTime"] as const;

export const listTasksInput = z.strictObject({
  status: z.array(z.enum(TASK_STATUSES)).max(5).optional(),
  active: z.boolean().optional(),
  q: searchTextSchema.optional(),
  /** Only the tasks the stuck check calls stuck right now. */
  stuckOnly: z.boolean().optional(),
  /** Only the tasks this executor instance is running (the executors page links here). */
  executorId: z.string().regex(UUID_SHAPE, "执行器编号必须是 UUID (executorId must be a UUID).").optional(),
  sort: z.enum(TASK_SORTS).default("id"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  ...pageFields(200, 50),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

export interface TaskPage {
  items: TaskWithStuck[];
  total: number;
  page: number;
  pageSize: number;
  /** With the executor filter: that executor, named host:pid (null if no such instance), for the filter's label. */
  executor?: { id: string; name: string } | null;
}

export async function listTasks(raw: ListTasksInput): Promise<TaskPage> {
  const input = listTasksInput.parse(raw);
  const stuckIds = input.stuckOnly ? (await checkStuckTasks()).stuck.map((t) => t.id) : undefined;
  const where: Prisma.DiagnosisTaskWhereInput = {
    ...(input.status?.length ? { status: { in: input.status } } : {}),
    ...(input.active === undefined ? {} : { isActive: input.active }),
    ...(input.q ? { name: containsText(input.q) } : {}),
    ...(stuckIds ? { id: { in: stuckIds } } : {}),
    // The tasks it runs now, as the executors page counts them: a finished task keeps its last
    // owner's id, but that executor no longer has anything to do with it.
    ...(input.executorId ? { AND: [{ ownerInstanceId: input.executorId }, { status: "running" }] } : {}),
  };
  const db = await getDb();
  const orderBy: Prisma.DiagnosisTaskOrderByWithRelationInput[] = [
    { [input.sort]: input.sort.endsWith("RunTime") ? { sort: input.dir, nulls: "last" } : input.dir },
    { id: "asc" },
  ];
  const [rows, total, executor] = await Promise.all([
    db.diagnosisTask.findMany({ where, select: taskViewSelect, orderBy, skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
    db.diagnosisTask.count({ where }),
    input.executorId
      ? db.executorInstance.findUnique({ where: { id: input.executorId }, select: { id: true, host: true, pid: true } })
      : undefined,
  ]);
  return {
    items: await withStuck(rows.map(toTaskView)),
    total,
    page: input.page,
    pageSize: input.pageSize,
    ...(executor !== undefined ? { executor: executor && { id: executor.id, name: executorName(executor) } } : {}),
  };
}
