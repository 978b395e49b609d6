import "server-only";
import type { CameraResultPage } from "./camera-results";
import type { ResultView } from "./result-view";

/**
 * A result in the REST API: snake_case like the rest of the API, the image as a link. Each finding
 * carries its severity (`warning` | `critical`); `severity` is the worst of them (null without findings).
 */
export function toResultResponse(r: ResultView) {
  return {
    id: r.id,
    task_id: r.taskId,
    task_name: r.taskName,
    camera_id: r.cameraId,
    created_at: r.createdAt.toISOString(),
    verdict: r.verdict,
    findings: r.findings,
    finding_severities: r.findings.map((code) => ({ code, severity: r.severities[code] })),
    severity: r.severity,
    error: r.error,
    thumbnail_url: r.hasThumbnail ? `/api/results/${r.id}/thumbnail` : null,
    frame_width: r.frameWidth,
    frame_height: r.frameHeight,
    checks: r.checks,
  };
}

export const toResultPageResponse = (page: CameraResultPage) => ({
  items: page.items.map(toResultResponse),
  total: page.total,
  page: page.page,
  page_size: page.pageSize,
});
