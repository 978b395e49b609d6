import "server-only";
import { createTRPCRouter, publicProcedure } from "@/server/trpc/init";

export const meRouter = createTRPCRouter({
  /** The caller as the server sees them (null when anonymous). */
  get: publicProcedure.query(({ ctx }) => ctx.actor),
});
