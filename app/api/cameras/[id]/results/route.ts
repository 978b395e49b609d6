import { restRoute } from "@/server/http/rest-route";
import { idTextSchema } from "@/server/params/id";
import { checkParamNames, readParam } from "@/server/params/read-param";
import { listCameraResults } from "@/server/results/camera-results";
import { toResultPageResponse } from "@/server/results/results-api-shape";

export const dynamic = "force-dynamic";

const PARAMS = ["page", "page_size"];

/** GET /api/cameras/{id}/results?page=&page_size= — the camera's results, newest first, each finding with its severity. Any role. */
export const GET = restRoute<{ id: string }>("viewer", async ({ req, params }) => {
  const query = new URL(req.url).searchParams;
  checkParamNames(query, PARAMS);
  const number = (name: string) => {
    const text = query.get(name);
    return text === null ? undefined : /^\d{1,9}$/.test(text) ? Number(text) : text;
  };
  return toResultPageResponse(
    await listCameraResults({
      cameraId: readParam(idTextSchema, params.id, "camera id"),
      page: number("page") as number | undefined,
      pageSize: number("page_size") as number | undefined,
    }),
  );
});
