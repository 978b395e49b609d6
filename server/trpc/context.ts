import { TRPCError } from "@trpc/server";
import { resolveActor } from "@/server/auth/resolve-actor";
import { isAppError, toAppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import type { Actor } from "@/server/auth/actor";

export interface Context {
  actor: Actor | null;
}

export async function createContext({ req }: { req: Request }): Promise<Context> {
  try {
    return { actor: await resolveActor(req) };
  } catch (err) {
    if (isAppError(err) && err.code === "UNAUTHORIZED") throw new TRPCError({ code: "UNAUTHORIZED", message: err.message });
    // Runs before any procedure middleware: without this, a database error's text (with source
    // lines) would become the response's message.
    logger.error({ err, url: req.url }, "tRPC request could not be authenticated");
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: toAppError(err).message });
  }
}
