import "server-only";
import { actorLabel, type Actor } from "@/shared/actor";

/** Who acknowledged a finding or changed a camera's reference, as the audit records it. */
export interface AuditActor {
  type: "user" | "token" | "cli";
  userId: number | null;
  tokenId: number | null;
  label: string;
}

export const auditActorFrom = (actor: Actor): AuditActor => ({
  type: actor.type,
  userId: actor.userId,
  tokenId: actor.tokenId ?? null,
  label: actorLabel(actor),
});

/** The command line acts as a named account (`--as`, else the first active admin): see server/cli/acting-user.ts. */
export const cliAuditActor = (user: { id: number; username: string }): AuditActor => ({
  type: "cli",
  userId: user.id,
  tokenId: null,
  label: `${user.username} (cli)`,
});

/** The actor columns shared by finding_acknowledgements and camera_audits. */
export const actorColumns = (actor: AuditActor) => ({
  actorType: actor.type,
  actorUserId: actor.userId,
  actorTokenId: actor.tokenId,
  actorLabel: actor.label,
});
