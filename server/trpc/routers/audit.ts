import "server-only";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { listAudits, listAuditsInput } from "@/server/recovery/audit/list-audits";

/** The recovery audit: read-only for every signed-in role (rows are never changed or deleted). */
export const auditRouter = createTRPCRouter({
  list: protectedProcedure.input(listAuditsInput).query(({ input }) => listAudits(input)),
});
