import "server-only";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { listInstances, listInstancesInput } from "@/server/executor/list-instances";

/** Executor instances and what they run: read-only, for every signed-in role. */
export const executorsRouter = createTRPCRouter({
  list: protectedProcedure.input(listInstancesInput).query(({ input }) => listInstances(input)),
});
