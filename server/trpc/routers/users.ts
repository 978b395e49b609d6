import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/trpc/init";
import { createUser, listUsers, passwordSchema, roleSchema, setUserRole, usernameSchema } from "@/server/users/users";

export const usersRouter = createTRPCRouter({
  list: adminProcedure.query(() => listUsers()),
  create: adminProcedure
    .input(z.object({ username: usernameSchema, password: passwordSchema, role: roleSchema, email: z.email().optional() }))
    .mutation(({ input }) => createUser(input)),
  setRole: adminProcedure
    .input(z.object({ username: usernameSchema, role: roleSchema }))
    .mutation(({ input }) => setUserRole(input.username, input.role)),
});
