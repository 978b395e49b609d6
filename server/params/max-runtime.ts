import "server-only";
import { z } from "zod";
import { MAX_RUNTIME_MINUTES } from "@/shared/parameter-limits";

const message = `必须是大于 0、最多 ${MAX_RUNTIME_MINUTES} 的分钟数 (must be a positive number of minutes up to ${MAX_RUNTIME_MINUTES}).`;

/**
 * `max_runtime_minutes`: a running task counts as stuck once it has run longer (status check,
 * recovery). Fractions are allowed (0.5 is thirty seconds).
 */
export const maxRuntimeMinutesSchema = z.number({ error: message }).positive(message).max(MAX_RUNTIME_MINUTES, message);

/** The same from a query string, a JSON body (a number or a string) or a command-line option. */
export const maxRuntimeMinutesTextSchema = z.preprocess(
  (value) => (typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value),
  maxRuntimeMinutesSchema,
);
