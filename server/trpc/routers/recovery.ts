import { z } from "zod";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { recoverTask } from "@/server/recovery/recover-task";
import { recoveryActorFrom } from "@/server/recovery/recovery-actor";
import { toRecoveryResponse, toStatusCheckResponse, toStuckSummaryResponse } from "@/server/recovery/api-shapes";

const maxRuntimeMinutes = z.number().positive().max(10_080).optional();

/** The UI's entry to the same service functions as the REST API (same shapes, same messages). */
export const recoveryRouter = createTRPCRouter({
  statusCheck: protectedProcedure
    .input(z.object({ maxRuntimeMinutes }).default({}))
    .query(async ({ input }) => toStatusCheckResponse(await checkStuckTasks({ maxRuntimeMinutes: input.maxRuntimeMinutes }))),

  /** The same check in numbers only: what the console's banner and force-reset dialog show. */
  stuckSummary: protectedProcedure
    .input(z.object({ maxRuntimeMinutes }).default({}))
    .query(async ({ input }) => toStuckSummaryResponse(await checkStuckTasks({ maxRuntimeMinutes: input.maxRuntimeMinutes }))),

  recoverAll: adminProcedure
    .input(z.object({ forceReset: z.boolean().default(false), maxRuntimeMinutes }))
    .mutation(async ({ input, ctx }) =>
      toRecoveryResponse(
        await recoverStuckTasks({ ...input, mode: input.forceReset ? "force" : "bulk", actor: recoveryActorFrom(ctx.actor) }),
      ),
    ),

  recoverTask: adminProcedure
    .input(z.object({ id: z.number().int().positive(), force: z.boolean().default(false), maxRuntimeMinutes }))
    .mutation(({ input, ctx }) =>
      recoverTask(input.id, { force: input.force, maxRuntimeMinutes: input.maxRuntimeMinutes, actor: recoveryActorFrom(ctx.actor) }),
    ),
});
