import { hasRole, type Actor } from "@/shared/actor";
import { currentActor } from "@/server/auth/current-actor";

/**
 * The signed-in admin, or null. Each settings page asks itself (a layout's check would not stop its
 * page from rendering); the procedures refuse non-admins regardless.
 */
export async function currentAdmin(): Promise<Actor | null> {
  const actor = await currentActor();
  return actor && hasRole(actor, "admin") ? actor : null;
}
