import { CAMERA_SOURCE_TYPES } from "@/shared/camera-sources";
import type { ListCamerasInput } from "@/server/cameras/list-cameras";

export const SOURCE_TYPES = CAMERA_SOURCE_TYPES;
export const CAMERA_PAGE_SIZE = 50;
/** Results per page of a camera's history. */
export const RESULT_PAGE_SIZE = 20;

export type Params = { get(name: string): string | null };

/**
 * The camera list's view lives in the URL (?q=lobby&type=rtsp&active=false&page=2). The server page and
 * the client table both read it with this function, so the prefetched query is the one the table asks
 * for. Unknown values are ignored.
 */
export function cameraListInputFromParams(params: Params): ListCamerasInput {
  const q = params.get("q")?.trim().slice(0, 200);
  const type = SOURCE_TYPES.find((s) => s === params.get("type"));
  const active = params.get("active");
  return {
    ...(q ? { q } : {}),
    ...(type ? { sourceType: type } : {}),
    ...(active === "true" || active === "false" ? { active: active === "true" } : {}),
    page: pageFromParams(params),
    pageSize: CAMERA_PAGE_SIZE,
  };
}

/** A page number from `?page=`: 1 when absent or not a number. */
export const pageFromParams = (params: Params) => Math.min(Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1), 1_000_000);
