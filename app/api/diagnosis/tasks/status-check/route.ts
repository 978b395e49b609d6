import { restRoute } from "@/server/http/rest-route";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { toStatusCheckResponse } from "@/server/recovery/api-shapes";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/** GET /api/diagnosis/tasks/status-check?max_runtime_minutes=30 — reports, changes nothing. Any signed-in role. */
export const GET = restRoute("viewer", async ({ req }) => {
  const { maxRuntimeMinutes } = await readRecoveryParams(req, ["max_runtime_minutes"], false);
  return toStatusCheckResponse(await checkStuckTasks({ maxRuntimeMinutes }));
});
