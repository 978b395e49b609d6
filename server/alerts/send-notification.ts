import os from "node:os";
import { logger } from "@/server/logging/logger";
import type { AlertMetrics } from "./alert-metrics";

export interface AlertNotification {
  alert: string;
  message: string;
  value: number;
  metrics: AlertMetrics;
  fired_at: string;
  host: string;
}

/** What happened to one webhook: recorded in alert_events.delivery. The URL is shown without its secrets. */
export interface Delivery {
  url: string;
  ok: boolean;
  status: number | null;
  error: string | null;
  attempts: number;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
const RETRY_DELAY_MS = 1_000;

export const notification = (alert: string, message: string, value: number, metrics: AlertMetrics, firedAt: Date): AlertNotification => ({
  alert,
  message,
  value,
  metrics,
  fired_at: firedAt.toISOString(),
  host: os.hostname(),
});

/** POSTs the notification as JSON to every URL at once; each gets a 5 s timeout and one retry. */
export async function sendNotification(urls: string[], payload: AlertNotification): Promise<Delivery[]> {
  const deliveries = await Promise.all([...new Set(urls)].map((url) => deliver(url, JSON.stringify(payload))));
  const failed = deliveries.filter((d) => !d.ok);
  logger.warn(
    { component: "alerts", alert: payload.alert, value: payload.value, metrics: payload.metrics, delivery: deliveries },
    `alert ${payload.alert}: ${payload.message}` + (failed.length ? ` (${failed.length} of ${deliveries.length} webhooks failed)` : ""),
  );
  return deliveries;
}

async function deliver(url: string, body: string): Promise<Delivery> {
  let last: Omit<Delivery, "url" | "attempts"> = { ok: false, status: null, error: null };
  for (let attempt = 1; attempt <= 2; attempt++) {
    if (attempt > 1) await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8" },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
        redirect: "error",
      });
      await res.arrayBuffer().catch(() => undefined);
      last = { ok: res.ok, status: res.status, error: res.ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      last = {
        ok: false,
        status: null,
        error: e.name === "TimeoutError" ? `no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.message),
      };
    }
    if (last.ok) return { url: redactUrl(url), ...last, attempts: attempt };
  }
  return { url: redactUrl(url), ...last, attempts: 2 };
}

/**
 * Webhook URLs often carry their secret (a DingTalk access_token, a Slack path); logs and the
 * alert_events table show only the host, the short path segments and the query's names.
 */
export function redactUrl(url: string): string {
  const u = new URL(url);
  const pathname = u.pathname
    .split("/")
    .map((s) => (s.length > 12 ? "***" : s))
    .join("/");
  const query = [...u.searchParams.keys()].map((k) => `${k}=***`).join("&");
  return `${u.origin}${pathname}${query ? `?${query}` : ""}`;
}
