import { restRoute } from "@/server/http/rest-route";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";
import { toSingleRecoveryResponse } from "@/server/recovery/api-shapes";
import { recoverTask } from "@/server/recovery/recover-task";
import { recoveryActorFrom } from "@/server/recovery/recovery-actor";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/** POST /api/diagnosis/tasks/{id}/recovery[?force_reset=true] — one task; 409 with the reason if it is not stuck. Admin only. */
export const POST = restRoute<{ id: string }>("admin", async ({ req, actor, params }) => {
  const id = readParam(idTextSchema, params.id, "task id");
  const { forceReset, maxRuntimeMinutes } = await readRecoveryParams(req, ["force_reset", "max_runtime_minutes"], true);
  return toSingleRecoveryResponse(await recoverTask(id, { force: forceReset, maxRuntimeMinutes, actor: recoveryActorFrom(actor) }));
});
