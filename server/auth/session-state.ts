import "server-only";
import { logger } from "@/server/logging/logger";
import { sessionActor } from "./resolve-actor";
import { readSessionToken } from "./session-cookie";

export type SessionState = "none" | "ended" | "live";

/**
 * Whether a page request carries a live session, for proxy.ts: "none" (no valid cookie), "ended"
 * (a valid cookie whose account was disabled or whose session version moved on), or "live". A
 * database that cannot be asked counts as live: the page then reports the database, which is the
 * real problem, instead of asking the user to sign in again.
 */
export async function sessionState(req: Request): Promise<SessionState> {
  const jwt = await readSessionToken(req);
  if (!jwt?.uid) return "none";
  try {
    return (await sessionActor(jwt.uid, jwt.sv)) ? "live" : "ended";
  } catch (err) {
    logger.warn({ err }, "could not check whether a session is still valid");
    return "live";
  }
}
