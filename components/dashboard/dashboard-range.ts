import type { DashboardRange } from "@/server/dashboard/time-range";

// A copy of the server's keys: importing the server module's values would put zod schemas for the
// server into the page for nothing; the type keeps the two lists the same.
export const DASHBOARD_RANGES = ["1h", "24h", "7d"] as const satisfies readonly DashboardRange[];

/** ?range=1h|24h|7d; anything else is the default, the last 24 hours. */
export const rangeFromParam = (value: string | null): DashboardRange => DASHBOARD_RANGES.find((r) => r === value) ?? "24h";
