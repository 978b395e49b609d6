import { restRoute } from "@/server/http/rest-route";
import { sharedStatusCheckBody } from "@/server/recovery/shared-status-check";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/** GET /api/diagnosis/tasks/status-check?max_runtime_minutes=30 — reports, changes nothing. Any signed-in role. */
export const GET = restRoute("viewer", async ({ req }) => {
  const { maxRuntimeMinutes } = await readRecoveryParams(req, ["max_runtime_minutes"], false);
  return new Response(await sharedStatusCheckBody(maxRuntimeMinutes), {
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
});
