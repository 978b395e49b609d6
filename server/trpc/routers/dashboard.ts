import "server-only";
import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { metricSeries } from "@/server/dashboard/metric-series";
import { statusSummary } from "@/server/dashboard/status-summary";
import { dashboardRange } from "@/server/dashboard/time-range";

/** The overview page: read-only, for every signed-in role. */
export const dashboardRouter = createTRPCRouter({
  summary: protectedProcedure.input(z.strictObject({}).default({})).query(() => statusSummary()),
  series: protectedProcedure.input(z.strictObject({ range: dashboardRange })).query(({ input }) => metricSeries(input.range)),
});
