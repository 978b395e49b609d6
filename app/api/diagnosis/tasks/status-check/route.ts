import { restRoute } from "@/server/http/rest-route";
import { sharedStatusCheckBody } from "@/server/recovery/shared-status-check";
import { readRecoveryParams } from "@/server/recovery/recovery-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/diagnosis/tasks/status-check?max_runtime_minutes=30 — reports, changes nothing. Any signed-in
 * role. The Server-Timing header tells monitoring what the check itself cost (`check`: the queries and
 * the judging; `json`: building and encoding the answer).
 */
export const GET = restRoute("viewer", async ({ req }) => {
  const { maxRuntimeMinutes } = await readRecoveryParams(req, ["max_runtime_minutes"], false);
  const answer = await sharedStatusCheckBody(maxRuntimeMinutes);
  return new Response(answer.body, {
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "server-timing": `check;dur=${answer.checkMs.toFixed(1)}, json;dur=${answer.encodeMs.toFixed(1)}`,
    },
  });
});
