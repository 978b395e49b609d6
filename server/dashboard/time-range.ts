import "server-only";
import { z } from "zod";

/**
 * The dashboard's time ranges and the width of one chart bucket in each: about 60-90 points per
 * chart. The watchdog samples once a minute, so one minute is the finest bucket worth drawing.
 */
export const DASHBOARD_RANGES = {
  "1h": { spanSeconds: 3_600, stepSeconds: 60 },
  "24h": { spanSeconds: 86_400, stepSeconds: 20 * 60 },
  "7d": { spanSeconds: 7 * 86_400, stepSeconds: 2 * 3_600 },
} as const;

export const dashboardRange = z.enum(
  Object.keys(DASHBOARD_RANGES) as [keyof typeof DASHBOARD_RANGES, ...(keyof typeof DASHBOARD_RANGES)[]],
);
export type DashboardRange = z.infer<typeof dashboardRange>;

export interface Buckets {
  /** Start of the first bucket; every bucket starts on a multiple of the step since the Unix epoch. */
  from: Date;
  stepSeconds: number;
  /** Bucket starts, oldest first; the last one holds `now`. */
  starts: Date[];
}

export function bucketsFor(range: DashboardRange, now: Date): Buckets {
  const { spanSeconds, stepSeconds } = DASHBOARD_RANGES[range];
  const stepMs = stepSeconds * 1000;
  const count = Math.ceil(spanSeconds / stepSeconds);
  const last = Math.floor(now.getTime() / stepMs) * stepMs;
  const starts = Array.from({ length: count }, (_, i) => new Date(last - (count - 1 - i) * stepMs));
  return { from: starts[0], stepSeconds, starts };
}
