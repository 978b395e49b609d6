import { acknowledgeFindings } from "@/server/findings/acknowledge-findings";
import { auditActorFrom } from "@/server/findings/audit-actor";
import { toAcknowledgementsResponse } from "@/server/findings/findings-api-shape";
import { restRoute } from "@/server/http/rest-route";
import { idTextSchema } from "@/server/params/id";
import { readJsonObject } from "@/server/params/json-body";
import { readParam } from "@/server/params/read-param";

export const dynamic = "force-dynamic";

/**
 * POST /api/cameras/{id}/acknowledge  body (optional) {"codes": ["blur"], "note": "..."} — "已确认": takes on
 * the open findings of the camera's newest result (or the given ones). 409 when there is nothing open to
 * acknowledge. Operators and admins.
 */
export const POST = restRoute<{ id: string }>("operator", async ({ req, actor, params }) => {
  const cameraId = readParam(idTextSchema, params.id, "camera id");
  const body = await readJsonObject(req, ["codes", "note"]);
  const acknowledged = await acknowledgeFindings({ cameraId, ...(body as { codes?: never; note?: never }) }, auditActorFrom(actor));
  return toAcknowledgementsResponse(cameraId, acknowledged);
});
