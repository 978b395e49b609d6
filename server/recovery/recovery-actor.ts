import "server-only";
import { actorLabel, type Actor } from "@/shared/actor";

/** Who performed a recovery, as the audit records it. */
export interface RecoveryActor {
  type: "user" | "token" | "watchdog" | "cli";
  userId: number | null;
  tokenId: number | null;
  label: string;
}

export type RecoveryMode = "manual" | "bulk" | "force" | "auto" | "cli";

export const recoveryActorFrom = (actor: Actor): RecoveryActor => ({
  type: actor.type,
  userId: actor.userId,
  tokenId: actor.tokenId ?? null,
  label: actorLabel(actor),
});

export const watchdogActor = (instanceId: string | undefined): RecoveryActor => ({
  type: "watchdog",
  userId: null,
  tokenId: null,
  label: `watchdog${instanceId ? ` (${instanceId})` : ""}`,
});

export const cliActor = (): RecoveryActor => ({
  type: "cli",
  userId: null,
  tokenId: null,
  label: `cli (${process.env.USER ?? "unknown"}@pid ${process.pid})`,
});
