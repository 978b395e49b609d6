import { restRoute } from "@/server/http/rest-route";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { recoveryActorFrom } from "@/server/recovery/recovery-actor";
import { toRecoveryResponse } from "@/server/recovery/api-shapes";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/** POST /api/diagnosis/tasks/recovery?force_reset=false&max_runtime_minutes=30 (or the same as a JSON body). Admin only. */
export const POST = restRoute("admin", async ({ req, actor }) => {
  const { forceReset, maxRuntimeMinutes } = await readRecoveryParams(req, ["force_reset", "max_runtime_minutes"], true);
  const result = await recoverStuckTasks({
    forceReset,
    maxRuntimeMinutes,
    mode: forceReset ? "force" : "bulk",
    actor: recoveryActorFrom(actor),
  });
  return toRecoveryResponse(result);
});
