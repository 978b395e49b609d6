import { getDb } from "@/server/db/client";
import { unauthorized } from "@/server/errors";
import { authenticateApiToken } from "./api-tokens";
import { readSessionToken } from "./session-cookie";
import type { Actor, Role } from "./actor";

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
      throw unauthorized('The Authorization header must be "Bearer <API token>".');
    }
    const actor = await authenticateApiToken(token);
    if (!actor) throw unauthorized("The API token is not valid: unknown, expired or revoked.");
    return actor;
  }
  const jwt = await readSessionToken(req);
  return jwt?.uid ? sessionActor(jwt.uid) : null;
}

/**
 * The session's user as the database knows it now: a disabled account or a changed role takes
 * effect on the next request, not when the session cookie expires.
 */
export async function sessionActor(userId: number): Promise<Actor | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, role: true, isActive: true } });
  if (!user || !user.isActive) return null;
  return { type: "user", userId: user.id, username: user.username, role: user.role as Role };
}
