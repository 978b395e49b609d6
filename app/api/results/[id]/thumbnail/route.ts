import { restRoute } from "@/server/http/rest-route";
import { getResultThumbnail } from "@/server/results/result-thumbnail";

export const dynamic = "force-dynamic";

/**
 * GET /api/results/{id}/thumbnail — the JPEG preview of one diagnosis result, for any signed-in role.
 * A result never changes, so the browser may keep it; `private` keeps shared caches from storing it.
 */
export const GET = restRoute<{ id: string }>("viewer", async ({ params }) => {
  const image = await getResultThumbnail(params.id);
  return new Response(new Uint8Array(image), {
    headers: { "content-type": "image/jpeg", "content-length": String(image.length), "cache-control": "private, max-age=86400, immutable" },
  });
});
