import "server-only";
import { TRPCError } from "@trpc/server";
import { resolveActor } from "@/server/auth/resolve-actor";
import { toAppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import type { Actor } from "@/shared/actor";

export interface Context {
  actor: Actor | null;
}

export async function createContext({ req }: { req: Request }): Promise<Context> {
  try {
    return { actor: await resolveActor(req) };
  } catch (err) {
    // Runs before any procedure middleware: without this, a database error's text (with source
    // lines) would become the response's message.
    const app = toAppError(err);
    if (app.code === "INTERNAL_SERVER_ERROR") logger.error({ err, url: req.url }, "tRPC request could not be authenticated");
    throw new TRPCError({ code: app.code, message: app.message });
  }
}
