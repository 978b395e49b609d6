import type { Translate } from "@/components/i18n/messages";
import type { AuditView } from "@/server/recovery/audit/list-audits";

/**
 * Who recovered, in the reader's language. A watchdog's stored label is its process (host:pid);
 * the word for it comes from actor_type: "看门狗 (host:pid)" / "Watchdog (host:pid)". Other actors'
 * labels are names (a user, a token's user, the CLI's account) and stand as they are.
 */
export const auditActorText = (t: Translate, audit: Pick<AuditView, "actorType" | "actorLabel">) =>
  audit.actorType === "watchdog" ? t("recoveries.actor.watchdogNamed", { executor: audit.actorLabel }) : audit.actorLabel;
