import "server-only";
import { errorResponse } from "@/server/http/rest-route";
import { toAppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import { renderMetrics } from "./render-metrics";

/** The exposition as a text response; a failure is logged and answered with a generic sentence (never SQL or a stack). */
export async function metricsResponse(): Promise<Response> {
  try {
    const { text, contentType } = await renderMetrics();
    return new Response(text, { headers: { "content-type": contentType, "cache-control": "no-store" } });
  } catch (err) {
    logger.error({ err, component: "metrics" }, "rendering /api/metrics failed");
    return errorResponse(toAppError(err));
  }
}
