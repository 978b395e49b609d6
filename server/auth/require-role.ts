import "server-only";
import { forbidden } from "next/navigation";
import { hasRole, type Actor, type Role } from "@/shared/actor";
import { currentActor } from "./current-actor";

/**
 * The signed-in user of a page that needs at least `least`; anyone else gets app/forbidden.tsx with
 * HTTP 403. Each page asks itself (a layout's check would not stop its page from rendering); the
 * procedures refuse the same users regardless.
 */
export async function requireRole(least: Role): Promise<Actor> {
  const actor = await currentActor();
  if (!actor || !hasRole(actor, least)) forbidden();
  return actor;
}

/** Whether the signed-in user has at least `least`: for pages that only show or hide controls. */
export async function signedInWithRole(least: Role): Promise<boolean> {
  const actor = await currentActor();
  return actor !== null && hasRole(actor, least);
}
