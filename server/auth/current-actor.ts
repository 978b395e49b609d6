import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "./auth-options";
import { sessionActor } from "./resolve-actor";
import type { Actor } from "@/shared/actor";

/** The signed-in user for server components and pages (cookie session only). */
export async function currentActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? sessionActor(session.user.id, session.user.sessionVersion) : null;
}
