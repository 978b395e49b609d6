import "server-only";
import os from "node:os";
import { actorLabel, type Actor } from "@/shared/actor";
import { executorName } from "@/shared/executor-name";

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

/**
 * The watchdog runs in this process, so its label is the process, named the way executors are named
 * everywhere: host:pid. The word "watchdog" is not stored (actor_type says it): each reader's
 * language adds it, "看门狗 (host:pid)" or "Watchdog (host:pid)" (shared/audit-actor.ts).
 */
export const watchdogActor = (): RecoveryActor => ({
  type: "watchdog",
  userId: null,
  tokenId: null,
  label: executorName({ host: os.hostname(), pid: process.pid }),
});

export const cliActor = (): RecoveryActor => ({
  type: "cli",
  userId: null,
  tokenId: null,
  label: `cli (${process.env.USER ?? "unknown"}@pid ${process.pid})`,
});
