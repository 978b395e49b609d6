import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { roleRequired, signInRequired } from "@/server/auth/access-errors";
import { hasRole, type Actor, type Role } from "@/shared/actor";
import { isAppError, toAppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";
import type { Context } from "./context";
import { trpcOwnSentence } from "./own-error-sentences";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Clients see the sentence; stacks and internals stay in the server log. An internal error's
    // sentence is always the generic one, whichever layer threw it. A coded error's details (the
    // same fields the REST answer carries) let the console tell refusals apart without reading text.
    const { stack: _stack, ...rest } = shape.data;
    const data = { ...rest, details: isAppError(error.cause) ? error.cause.details : undefined };
    if (data.code === "INTERNAL_SERVER_ERROR") return { ...shape, message: toAppError(undefined).message, data };
    return { ...shape, message: trpcOwnSentence(shape.message, data.code, data.path), data };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Turns service errors (AppError, zod validation, an unreachable database) into tRPC errors with the
 * same code and a readable sentence; anything unexpected is logged and answered with a generic sentence.
 */
const mapErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const { cause, code } = result.error;
  const app = toAppError(cause);
  // The AppError as the cause: the error formatter passes its details (a validation error's field...) on.
  if (app.code !== "INTERNAL_SERVER_ERROR") throw new TRPCError({ code: app.code, message: app.message, cause: app });
  if (code !== "INTERNAL_SERVER_ERROR") return result;
  logger.error({ err: cause ?? result.error, path }, "tRPC procedure failed");
  throw new TRPCError({ code, message: toAppError(cause).message });
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Any signed-in user or valid API token. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw signInRequired();
  return next({ ctx: { actor: ctx.actor } });
});

const requireRole = (role: Role) =>
  protectedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.actor, role)) throw roleRequired(role, ctx.actor.role);
    return next({ ctx: { actor: ctx.actor as Actor } });
  });

/** Operators and admins: create, edit and run tasks and cameras. */
export const operatorProcedure = requireRole("operator");
/** Admins only: recovery, users, tokens. */
export const adminProcedure = requireRole("admin");
