import "server-only";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { watchdogActor } from "@/server/recovery/recovery-actor";
import type { WatchdogCycle } from "@/server/recovery/watchdog";
import { collectAlertMetrics, type AlertMetrics } from "./alert-metrics";
import type { AlertRule } from "./alert-rules";
import { claimFiring, clearFiring } from "./alert-state";
import { evaluateCondition, firstMetric } from "./condition";
import { notification } from "./alert-notification";
import { DEFAULT_DELIVERY_POLICY, pendingDelivery, type Delivery, type DeliveryPolicy } from "./deliver-notification";
import { renderMessage } from "./message-template";
import { dispatchNotification } from "./notification-dispatch";
import { recipientsOf } from "./recipients";

export interface AlertContext {
  /** ALERT_WEBHOOK_URLS: every rule's notifications go here, plus the rule's own channels. */
  webhookUrls: string[];
  /** This process's executor instance, for the audit of auto_recovery. */
  instanceId: () => string | undefined;
  /** Retries and time-outs of the sends; DEFAULT_DELIVERY_POLICY unless given (tests shorten them). */
  delivery?: DeliveryPolicy;
}

export interface RuleOutcome {
  rule: string;
  holds: boolean;
  value: number;
  /** This process won the right to notify (the rule fired). */
  fired: boolean;
  recovered: number;
  /** The sends, which go on after the evaluation returned: every channel's outcome (none if the rule did not notify). */
  delivered: Promise<Delivery[]>;
}

/** The watchdog's onCycle hook: evaluates every rule against this cycle's metrics. */
export function alertHook(rules: AlertRule[], context: AlertContext) {
  return async (cycle: WatchdogCycle) => void (await evaluateAlerts(rules, cycle, context));
}

export async function evaluateAlerts(rules: AlertRule[], cycle: WatchdogCycle, context: AlertContext): Promise<RuleOutcome[]> {
  if (rules.length === 0) return [];
  const metrics = await collectAlertMetrics(cycle);
  const outcomes = await Promise.all(
    rules.map((rule) =>
      evaluateRule(rule, metrics, context).catch((err) => {
        logger.error({ err, component: "alerts", alert: rule.name }, `alert rule ${rule.name} could not be evaluated`);
        return null;
      }),
    ),
  );
  return outcomes.filter((o): o is RuleOutcome => o !== null);
}

/**
 * auto_recovery runs in every cycle in which the condition holds, in whichever process evaluates
 * it (recovery is a conditional write, so concurrent runs reset each task once); it is not held
 * back by the cool-down, which is about not repeating notifications. Notifying happens only in the
 * one process whose claim on alert_states succeeds.
 */
async function evaluateRule(rule: AlertRule, metrics: AlertMetrics, context: AlertContext): Promise<RuleOutcome> {
  const value = metrics[firstMetric(rule.condition) as keyof AlertMetrics];
  const outcome: RuleOutcome = {
    rule: rule.name,
    holds: evaluateCondition(rule.condition, metrics),
    value,
    fired: false,
    recovered: 0,
    delivered: Promise.resolve([]),
  };
  if (!outcome.holds) {
    await clearFiring(rule.name, value);
    return outcome;
  }
  if (rule.actions.includes("auto_recovery")) {
    const result = await recoverStuckTasks({ mode: "auto", actor: watchdogActor() });
    outcome.recovered = result.reset.length;
    if (outcome.recovered)
      logger.info(
        { component: "alerts", alert: rule.name, taskIds: result.reset.map((r) => r.id) },
        `alert ${rule.name}: auto_recovery reset ${outcome.recovered} task(s)`,
      );
  }
  const firedAt = await claimFiring(rule.name, value, rule.cooldownMinutes);
  if (!firedAt) return outcome;
  outcome.fired = true;
  const message = renderMessage(rule.message, metrics);
  const channels = rule.actions.includes("send_notification") ? recipientsOf(rule, context.webhookUrls) : [];
  logger.warn(
    { component: "alerts", alert: rule.name, value, metrics, channels: channels.map((c) => c.name) },
    `alert ${rule.name}: ${message}`,
  );
  const db = await getDb();
  // The event is written before anything is sent, with every channel "sending": a process that
  // dies while sending leaves the alert and what it was about to do on record.
  const event = await db.alertEvent.create({
    data: { ruleName: rule.name, firedAt, message, value, delivery: channels.map(pendingDelivery) as object[] },
  });
  if (channels.length) {
    outcome.delivered = dispatchNotification(
      event.id,
      channels,
      notification(rule.name, message, value, metrics, firedAt),
      context.delivery ?? DEFAULT_DELIVERY_POLICY,
    );
  }
  return outcome;
}
