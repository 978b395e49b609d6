import "server-only";
import { sleep } from "@/server/executor/sleep";
import { logger } from "@/server/logging/logger";
import type { AlertNotification } from "./alert-notification";
import type { Channel, ChannelType } from "./channels/channel";
import { describeTarget, scrubSecrets } from "./channels/mask-secrets";
import { SEND_TIMEOUT_MS, sendToChannel } from "./channels/send-to-channel";

/** What happened to one channel: recorded in alert_events.delivery, logged, printed by `alerts test`. Never holds a secret. */
export interface Delivery {
  channel: string;
  type: ChannelType;
  target: string;
  /** sending: not finished yet (a record left so by a process that died while sending). */
  state: "sending" | "sent" | "failed";
  status: number | null;
  error: string | null;
  attempts: number;
}

export interface DeliveryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait before the second attempt; each later wait doubles. */
  firstRetryDelayMs: number;
  /** Per attempt; default SEND_TIMEOUT_MS of the channel's type. */
  timeoutMs?: number;
}

/** 4 attempts, 2 s, 4 s and 8 s apart: a receiver that is down for half a minute still gets the alert. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { attempts: 4, firstRetryDelayMs: 2_000 };

export const pendingDelivery = (channel: Channel): Delivery => ({
  channel: channel.name,
  type: channel.type,
  target: describeTarget(channel),
  state: "sending",
  status: null,
  error: null,
  attempts: 0,
});

/**
 * Sends `n` through one channel, retrying what may succeed later (time-outs, refused connections,
 * 5xx, rate limits) with doubling waits, and logging every failed attempt. A refusal that would
 * repeat (a wrong key, a bad signature, a refused login) is not retried. When `stop` aborts,
 * no further attempt starts: the process is shutting down.
 */
export async function deliverNotification(
  channel: Channel,
  n: AlertNotification,
  policy: DeliveryPolicy,
  stop?: AbortSignal,
): Promise<Delivery> {
  const delivery = pendingDelivery(channel);
  const log = { component: "alerts", alert: n.alert, channel: channel.name, type: channel.type, target: delivery.target };
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) {
      await sleep(policy.firstRetryDelayMs * 2 ** (attempt - 2), stop);
      if (stop?.aborted) return { ...delivery, error: `${delivery.error} (not retried: the process is stopping)` };
    }
    const result = await sendToChannel(channel, n, policy.timeoutMs ?? SEND_TIMEOUT_MS[channel.type]);
    const error = result.error === null ? null : scrubSecrets(result.error.trim(), channel);
    Object.assign(delivery, { state: result.ok ? "sent" : "failed", status: result.status, error, attempts: attempt });
    if (result.ok) return delivery;
    const last = !result.retryable || attempt === policy.attempts;
    logger.warn(
      { ...log, attempt, status: result.status, error },
      `alert ${n.alert}: channel ${channel.name} failed (attempt ${attempt} of ${policy.attempts}): ${error}` +
        (last
          ? result.retryable
            ? "; giving up"
            : "; not retried, it would fail again"
          : `; retrying in ${(policy.firstRetryDelayMs * 2 ** (attempt - 1)) / 1000} s`),
    );
    if (last) return delivery;
  }
  return delivery;
}
