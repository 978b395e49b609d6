import { getReferenceThumbnail } from "@/server/findings/camera-reference";
import { restRoute } from "@/server/http/rest-route";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";

export const dynamic = "force-dynamic";

/** GET /api/cameras/{id}/reference/thumbnail — the reference frame's JPEG. It changes when the reference does: not cached. */
export const GET = restRoute<{ id: string }>("viewer", async ({ params }) => {
  const image = await getReferenceThumbnail(readParam(idTextSchema, params.id, "camera id"));
  return new Response(new Uint8Array(image), {
    headers: { "content-type": "image/jpeg", "content-length": String(image.length), "cache-control": "private, no-cache" },
  });
});
