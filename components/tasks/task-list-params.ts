import type { ListTasksInput } from "@/server/tasks/list-tasks";
import { UUID_SHAPE } from "@/shared/uuid-shape";

// Copies of the server's lists: importing them would pull the database client into the browser bundle.
export const STATUSES = ["pending", "running", "completed", "failed", "cancelled"] as const;
export const SORTS = ["id", "name", "status", "lastRunTime", "nextRunTime"] as const;
export const TASK_PAGE_SIZE = 50;

type Params = { get(name: string): string | null };

/**
 * The task list's view lives in the URL (?status=running,failed&stuck=1&q=lobby&sort=name&page=2) so that a
 * view can be shared. The server page and the client table parse it with this one function, so the
 * prefetched query and the client's query are the same. Unknown values are ignored, never an error.
 */
export function taskListInputFromParams(params: Params): ListTasksInput {
  const status = (params.get("status") ?? "").split(",").filter((s): s is (typeof STATUSES)[number] => STATUSES.includes(s as never));
  const sort = SORTS.find((s) => s === params.get("sort")) ?? "id";
  const page = Math.min(Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1), 1_000_000);
  const active = params.get("active");
  const q = params.get("q")?.trim().slice(0, 200);
  const executor = params.get("executor") ?? "";
  return {
    ...(status.length ? { status } : {}),
    ...(active === "true" || active === "false" ? { active: active === "true" } : {}),
    ...(q ? { q } : {}),
    ...(params.get("stuck") === "1" ? { stuckOnly: true } : {}),
    ...(UUID_SHAPE.test(executor) ? { executorId: executor } : {}),
    sort,
    dir: params.get("dir") === "desc" ? "desc" : "asc",
    page,
    pageSize: TASK_PAGE_SIZE,
  };
}

export function searchParamsObject(record: Record<string, string | string[] | undefined>): Params {
  return {
    get: (name) => {
      const v = record[name];
      return (Array.isArray(v) ? v[0] : v) ?? null;
    },
  };
}
