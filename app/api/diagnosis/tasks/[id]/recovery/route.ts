import { badRequest } from "@/server/errors";
import { restRoute } from "@/server/http/rest-route";
import { recoverTask } from "@/server/recovery/recover-task";
import { recoveryActorFrom } from "@/server/recovery/recovery-actor";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/** POST /api/diagnosis/tasks/{id}/recovery[?force_reset=true] — one task; 409 with the reason if it is not stuck. Admin only. */
export const POST = restRoute<{ id: string }>("admin", async ({ req, actor, params }) => {
  if (!/^\d{1,9}$/.test(params.id) || Number(params.id) < 1)
    throw badRequest(`任务 id 必须是正整数，收到 "${params.id.slice(0, 40)}" (task id must be a positive integer).`);
  const { forceReset, maxRuntimeMinutes } = await readRecoveryParams(req, ["force_reset", "max_runtime_minutes"], true);
  const result = await recoverTask(Number(params.id), { force: forceReset, maxRuntimeMinutes, actor: recoveryActorFrom(actor) });
  return {
    task_id: result.taskId,
    reset: true,
    new_status: result.newStatus,
    stuck_reason_code: result.reasonCode,
    stuck_reason: result.reason,
    message: `成功重置任务 ${result.taskId}（${result.reason}）`,
  };
});
