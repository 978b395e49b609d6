import "server-only";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import type { AlertNotification } from "./alert-notification";
import type { Channel } from "./channels/channel";
import { deliverNotification, type Delivery, type DeliveryPolicy } from "./deliver-notification";

// globalThis, not module variables: Next.js loads instrumentation and route handlers as separate
// bundles, and the shutdown must see the sends the watchdog started.
const holder = globalThis as { __easysightAlertSends?: { inFlight: Set<Promise<Delivery[]>>; stopping: AbortController } };
const sends = () => (holder.__easysightAlertSends ??= { inFlight: new Set(), stopping: new AbortController() });

/**
 * Sends a fired alert through its channels in the background and returns at once, so that a slow
 * or hanging receiver never holds up the watchdog cycle that fired it. The channels are sent to
 * side by side; each outcome is written into the alert's event row as soon as it is known (the row
 * was written first, with every channel "sending", so nothing is lost if the process dies). The
 * promise, for tests and the shutdown, resolves with every channel's outcome and never rejects.
 */
export function dispatchNotification(
  eventId: bigint,
  channels: Channel[],
  n: AlertNotification,
  policy: DeliveryPolicy,
): Promise<Delivery[]> {
  const { inFlight, stopping } = sends();
  const done = Promise.all(
    channels.map(async (channel, index) => {
      const delivery = await deliverNotification(channel, n, policy, stopping.signal);
      await recordDelivery(eventId, index, delivery);
      return delivery;
    }),
  ).then((deliveries) => {
    const failed = deliveries.filter((d) => d.state !== "sent");
    const summary = { component: "alerts", alert: n.alert, delivery: deliveries };
    if (failed.length)
      logger.error(
        summary,
        `alert ${n.alert}: ${failed.length} of ${deliveries.length} channels failed: ${failed.map((d) => d.channel).join(", ")}`,
      );
    else logger.info(summary, `alert ${n.alert}: delivered to ${deliveries.map((d) => d.channel).join(", ")}`);
    return deliveries;
  });
  inFlight.add(done);
  void done.finally(() => inFlight.delete(done));
  return done;
}

/** Writes one channel's outcome into the event's delivery list (its own slot: channels finish in any order). */
async function recordDelivery(eventId: bigint, index: number, delivery: Delivery): Promise<void> {
  try {
    const db = await getDb();
    await db.$executeRaw`
      UPDATE alert_events SET delivery = jsonb_set(delivery, ARRAY[${String(index)}::text], ${JSON.stringify(delivery)}::jsonb) WHERE id = ${eventId}`;
  } catch (err) {
    logger.error({ err, component: "alerts", eventId: String(eventId), delivery }, "could not record an alert's delivery");
  }
}

/**
 * At shutdown: no new attempt starts (waits between retries end at once) and the attempts under
 * way finish or time out, so every event row says what happened.
 */
export async function settleAlertSends(): Promise<void> {
  const { inFlight, stopping } = sends();
  stopping.abort();
  await Promise.all(inFlight);
}
