import "server-only";
import { getDb } from "@/server/db/client";
import { unauthorized } from "@/server/errors";
import { authenticateApiToken } from "./api-tokens";
import { readSessionToken } from "./session-cookie";
import type { Actor, Role } from "@/shared/actor";

/**
 * Who sent this request: `Authorization: Bearer <API token>` first, else the browser's session
 * cookie. A bearer header that does not resolve is an error (401), never a silent fall-back to the
 * cookie. Returns null for an anonymous request.
 */
export async function resolveActor(req: Request): Promise<Actor | null> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const [scheme, token, ...rest] = authorization.trim().split(/\s+/);
    if (scheme?.toLowerCase() !== "bearer" || !token || rest.length) {
      throw unauthorized('Authorization 请求头必须是 "Bearer <API 令牌>" (the Authorization header must be "Bearer <API token>").');
    }
    const actor = await authenticateApiToken(token);
    if (!actor) throw unauthorized("API 令牌无效：不存在、已过期或已吊销 (the API token is not valid: unknown, expired or revoked).");
    return actor;
  }
  const jwt = await readSessionToken(req);
  return jwt?.uid ? sessionActor(jwt.uid, jwt.sv) : null;
}

/**
 * The session's user as the database knows it now, or null when the session has ended: the account
 * is gone or disabled, or its session version moved on since the session was made (its password,
 * role or active flag changed, or `easysight user sign-out-all`). One lookup by primary key per
 * request, the same one that reads the current role, so a change takes effect on the next request
 * rather than when the cookie expires.
 */
export async function sessionActor(userId: number, sessionVersion: number | undefined): Promise<Actor | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, username: true, role: true, isActive: true, sessionVersion: true },
  });
  if (!user || !user.isActive || user.sessionVersion !== (sessionVersion ?? 0)) return null;
  return { type: "user", userId: user.id, username: user.username, role: user.role as Role };
}
