/** Who is asking: a signed-in browser user or a script with an API token. */
export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  type: "user" | "token";
  userId: number;
  username: string;
  role: Role;
  tokenId?: number;
}

// admin may do everything an operator may, an operator everything a viewer may.
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

export const hasRole = (actor: Pick<Actor, "role">, least: Role) => RANK[actor.role] >= RANK[least];

export const actorLabel = (actor: Actor) => (actor.type === "token" ? `${actor.username} (token #${actor.tokenId})` : actor.username);
