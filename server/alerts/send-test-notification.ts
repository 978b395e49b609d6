import "server-only";
import { testNotification } from "./alert-notification";
import type { AlertRule } from "./alert-rules";
import { deliverNotification, type Delivery } from "./deliver-notification";
import { recipientsOf } from "./recipients";

/** One attempt, no retries: whoever runs `alerts test` wants the plain answer now. */
const ONE_ATTEMPT = { attempts: 1, firstRetryDelayMs: 0 };

/**
 * Sends one test notification through every channel the rule notifies, side by side, and returns
 * each outcome. Nothing is recorded in alert_events and the rule's alert state is untouched.
 */
export async function sendTestNotification(rule: AlertRule, webhookUrls: readonly string[]): Promise<Delivery[]> {
  const n = testNotification(rule.name);
  return Promise.all(recipientsOf(rule, webhookUrls).map((channel) => deliverNotification(channel, n, ONE_ATTEMPT)));
}
