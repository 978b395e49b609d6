import { env } from "@/server/config/env";
import { restRoute } from "@/server/http/rest-route";
import { metricsResponse } from "@/server/metrics/metrics-response";

export const dynamic = "force-dynamic";

const authenticated = restRoute("viewer", () => metricsResponse());

/**
 * GET /api/metrics — Prometheus text format. Needs a bearer API token of any role (or a session),
 * unless METRICS_PUBLIC=1 opens it to scrapers without credentials (read at request time).
 */
export function GET(req: Request, context: Parameters<typeof authenticated>[1]): Promise<Response> {
  return env.METRICS_PUBLIC ? metricsResponse() : authenticated(req, context);
}
