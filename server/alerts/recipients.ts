import "server-only";
import type { AlertRule } from "./alert-rules";
import type { Channel } from "./channels/channel";

/**
 * The channels a rule's send_notification reaches: every ALERT_WEBHOOK_URLS address, then the
 * rule's named channels, then its own webhooks. A URL given twice is notified once.
 */
export function recipientsOf(rule: AlertRule, webhookUrls: readonly string[]): Channel[] {
  const webhooks = (urls: readonly string[], label: string): Channel[] =>
    urls.map((url, i) => ({ type: "webhook", name: `${label}[${i + 1}]`, url }));
  const all = [...webhooks(webhookUrls, "ALERT_WEBHOOK_URLS"), ...rule.channels, ...webhooks(rule.webhooks, "webhooks")];
  const urls = new Set<string>();
  return all.filter((c) => {
    if (c.type !== "webhook") return true;
    if (urls.has(c.url)) return false;
    urls.add(c.url);
    return true;
  });
}
