import { auditActorFrom } from "@/server/findings/audit-actor";
import { clearCameraReference, getCameraReference, setCameraReference, type CameraReferenceView } from "@/server/findings/camera-reference";
import { restRoute } from "@/server/http/rest-route";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";

export const dynamic = "force-dynamic";

const cameraIdOf = (params: { id: string }) => readParam(idTextSchema, params.id, "camera id");
const shape = (cameraId: number, r: CameraReferenceView | null) => ({
  camera_id: cameraId,
  reference: r && {
    set_at: r.setAt.toISOString(),
    set_by: r.setBy,
    result_id: r.resultId,
    thumbnail_url: r.hasThumbnail ? `/api/cameras/${cameraId}/reference/thumbnail` : null,
  },
});

/** GET /api/cameras/{id}/reference — the camera's taught normal ("基准画面"), or null. Any role. */
export const GET = restRoute<{ id: string }>("viewer", async ({ params }) => {
  const id = cameraIdOf(params);
  return shape(id, await getCameraReference(id));
});

/** POST /api/cameras/{id}/reference — "设为基准画面": the newest analysed frame becomes the normal. 409 without one. Operators and admins. */
export const POST = restRoute<{ id: string }>("operator", async ({ actor, params }) => {
  const id = cameraIdOf(params);
  return shape(id, await setCameraReference(id, auditActorFrom(actor)));
});

/** DELETE /api/cameras/{id}/reference — forget the reference: every check judges absolutely again. Operators and admins. */
export const DELETE = restRoute<{ id: string }>("operator", async ({ actor, params }) => {
  const id = cameraIdOf(params);
  await clearCameraReference(id, auditActorFrom(actor));
  return shape(id, null);
});
