import "server-only";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { idSchema } from "@/server/params/id";
import { maxRuntimeMinutesSchema } from "@/server/params/max-runtime";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { recoverTask } from "@/server/recovery/recover-task";
import { recoveryActorFrom } from "@/server/recovery/recovery-actor";
import { toRecoveryResponse, toSingleRecoveryResponse, toStatusCheckResponse, toStuckSummaryResponse } from "@/server/recovery/api-shapes";

const checkInput = z.strictObject({ maxRuntimeMinutes: maxRuntimeMinutesSchema.optional() }).default({});
const recoveryFields = { forceReset: z.boolean().default(false), maxRuntimeMinutes: maxRuntimeMinutesSchema.optional() };

/** The UI's entry to the same service functions as the REST API (same shapes, same messages). */
export const recoveryRouter = createTRPCRouter({
  statusCheck: protectedProcedure
    .input(checkInput)
    .query(async ({ input }) => toStatusCheckResponse(await checkStuckTasks({ maxRuntimeMinutes: input.maxRuntimeMinutes }))),

  /** The same check in numbers only: what the console's banner and force-reset dialog show. */
  stuckSummary: protectedProcedure
    .input(checkInput)
    .query(async ({ input }) => toStuckSummaryResponse(await checkStuckTasks({ maxRuntimeMinutes: input.maxRuntimeMinutes }))),

  recoverAll: adminProcedure
    .input(z.strictObject(recoveryFields))
    .mutation(async ({ input, ctx }) =>
      toRecoveryResponse(
        await recoverStuckTasks({ ...input, mode: input.forceReset ? "force" : "bulk", actor: recoveryActorFrom(ctx.actor) }),
      ),
    ),

  recoverTask: adminProcedure.input(z.strictObject({ id: idSchema, ...recoveryFields })).mutation(async ({ input, ctx }) =>
    toSingleRecoveryResponse(
      await recoverTask(input.id, {
        force: input.forceReset,
        maxRuntimeMinutes: input.maxRuntimeMinutes,
        actor: recoveryActorFrom(ctx.actor),
      }),
    ),
  ),
});
