import "server-only";
import { roleRequired, signInRequired } from "@/server/auth/access-errors";
import { hasRole, type Actor, type Role } from "@/shared/actor";
import { resolveActor } from "@/server/auth/resolve-actor";
import { ERROR_STATUS, toAppError, type AppError } from "@/server/errors";
import { logger } from "@/server/logging/logger";

type RouteParams = Record<string, string | string[]>;

interface RestContext<P> {
  req: Request;
  actor: Actor;
  params: P;
}

/**
 * A REST handler that answers JSON, or the Response the handler returns (images, files).
 * Authentication (bearer token or session) and the role check happen here, before the handler;
 * every error becomes `{"error": code, "message": sentence}` with its HTTP status. Nothing internal
 * (stack, SQL) ever reaches the response.
 */
export function restRoute<P extends RouteParams = RouteParams>(role: Role, handler: (ctx: RestContext<P>) => Promise<unknown>) {
  return async (req: Request, context: { params: Promise<P> }): Promise<Response> => {
    try {
      const actor = await resolveActor(req);
      if (!actor) throw signInRequired();
      if (!hasRole(actor, role)) throw roleRequired(role, actor.role);
      const body = await handler({ req, actor, params: await context.params });
      return body instanceof Response ? body : json(body, 200);
    } catch (err) {
      const app = toAppError(err);
      if (app.code === "INTERNAL_SERVER_ERROR") logger.error({ err, url: req.url }, "REST request failed");
      return errorResponse(app);
    }
  };
}

export function errorResponse(app: AppError): Response {
  return json({ error: app.code.toLowerCase(), message: app.message, ...app.details }, ERROR_STATUS[app.code]);
}

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "cache-control": "no-store" } });
