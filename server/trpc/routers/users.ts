import "server-only";
import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/trpc/init";
import { createUserAccount, listUsers, passwordSchema, roleSchema, setUserRole, usernameSchema } from "@/server/users/users";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(() => listUsers()),
  /** Without a password, the answer carries a generated one: the only time anybody sees it. */
  create: adminProcedure
    .input(z.strictObject({ username: usernameSchema, password: passwordSchema.optional(), role: roleSchema, email: z.email().optional() }))
    .mutation(({ input }) => createUserAccount(input)),
  setRole: adminProcedure
    .input(z.strictObject({ username: usernameSchema, role: roleSchema }))
    .mutation(({ input }) => setUserRole(input.username, input.role)),
});
