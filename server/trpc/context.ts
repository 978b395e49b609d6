import { TRPCError } from "@trpc/server";
import { resolveActor } from "@/server/auth/resolve-actor";
import { isAppError } from "@/server/errors";
import type { Actor } from "@/server/auth/actor";

export interface Context {
  actor: Actor | null;
}

export async function createContext({ req }: { req: Request }): Promise<Context> {
  try {
    return { actor: await resolveActor(req) };
  } catch (err) {
    if (isAppError(err) && err.code === "UNAUTHORIZED") throw new TRPCError({ code: "UNAUTHORIZED", message: err.message });
    throw err;
  }
}
