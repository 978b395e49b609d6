"use client";

import { createContext, useContext, type ReactNode } from "react";
import { hasRole, type Actor, type Role } from "@/shared/actor";

const ActorContext = createContext<Actor | null>(null);

/** The signed-in user, as the layout read it from the session, for client components that adapt to the role. */
export function ActorProvider({ actor, children }: { actor: Actor | null; children: ReactNode }) {
  return <ActorContext.Provider value={actor}>{children}</ActorContext.Provider>;
}

/**
 * Whether the signed-in user has at least `role`. It only decides what the page offers: every
 * procedure checks the role again on the server, so a hidden control is a courtesy, not the guard.
 */
export function useHasRole(role: Role): boolean {
  const actor = useContext(ActorContext);
  return actor !== null && hasRole(actor, role);
}
