import "server-only";
import os from "node:os";
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

/**
 * The watchdog runs in this process, so it is named the way executors are named everywhere: host:pid
 * (the console puts its own word for "watchdog", 看门狗, beside it from actor_type).
 */
export const watchdogActor = (): RecoveryActor => ({
  type: "watchdog",
  userId: null,
  tokenId: null,
  label: `watchdog (${os.hostname()}:${process.pid})`,
});

export const cliActor = (): RecoveryActor => ({
  type: "cli",
  userId: null,
  tokenId: null,
  label: `cli (${process.env.USER ?? "unknown"}@pid ${process.pid})`,
});
