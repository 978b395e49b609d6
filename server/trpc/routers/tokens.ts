import "server-only";
import { z } from "zod";
import { adminProcedure, createTRPCRouter } from "@/server/trpc/init";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/auth/api-tokens";
import { idInput } from "@/server/params/id";
import { usernameSchema } from "@/server/users/users";

export const tokensRouter = createTRPCRouter({
  list: adminProcedure.query(() => listApiTokens()),
  /** Returns the token value once; only its hash is kept. */
  create: adminProcedure
    .input(
      z.strictObject({
        username: usernameSchema,
        name: z.string().trim().min(1).max(100),
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
    )
    .mutation(({ input }) => createApiToken(input)),
  revoke: adminProcedure.input(idInput).mutation(({ input }) => revokeApiToken(input.id)),
});
