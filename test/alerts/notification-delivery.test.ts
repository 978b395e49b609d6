import "../support/use-own-database";
import { afterAll, describe, expect, it } from "vitest";
import { parseAlertRules, type AlertRule } from "@/server/alerts/alert-rules";
import type { Delivery, DeliveryPolicy } from "@/server/alerts/deliver-notification";
import { alertHook, evaluateAlerts, type AlertContext } from "@/server/alerts/evaluate-alerts";
import { getDb } from "@/server/db/client";
import { Watchdog, type WatchdogCycle } from "@/server/recovery/watchdog";
import { waitFor } from "../support/camera-server";
import { uniqueName } from "../support/unique";
import { startHttpReceiver, startReceiver } from "./webhook-receiver";

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});
const track = <T extends { close: () => Promise<void> }>(server: T) => (closers.push(server.close), server);

const CYCLE: WatchdogCycle = { running: 1, stuck: 1, reset: 0, failed: 0, avgRuntimeMinutes: 0 };

/** A rule (unique name: alert state is shared by everything in the database) notifying webhook channels named a, b, ... */
function ruleFor(urls: string[], condition = "stuck_tasks_count > 0"): AlertRule {
  const names = urls.map((_, i) => String.fromCharCode(97 + i));
  const yaml = [
    "channels:",
    ...urls.flatMap((url, i) => [`  - name: ${names[i]}`, "    type: webhook", `    url: ${url}`]),
    "alerts:",
    `  - name: ${uniqueName("delivery")}`,
    `    condition: ${condition}`,
    "    message: 发现 {{ stuck_tasks_count }} 个卡住的诊断任务",
    "    actions: [send_notification]",
    `    channels: [${names.join(", ")}]`,
  ].join("\n");
  return parseAlertRules(yaml, "test.yaml")[0];
}

const context = (delivery: DeliveryPolicy): AlertContext => ({ webhookUrls: [], instanceId: () => undefined, delivery });
const eventOf = async (rule: AlertRule) => {
  const event = await (await getDb()).alertEvent.findFirstOrThrow({ where: { ruleName: rule.name } });
  return { delivery: event.delivery as unknown as Delivery[] };
};

describe("notification delivery", () => {
  it("a receiver that fails twice gets the alert on the third attempt, the waits between attempts doubling", async () => {
    const flaky = track(await startReceiver([503, 502]));
    const rule = ruleFor([flaky.url()]);
    const [outcome] = await evaluateAlerts([rule], CYCLE, context({ attempts: 4, firstRetryDelayMs: 150, timeoutMs: 2_000 }));
    const [delivery] = await outcome.delivered;

    expect(delivery).toMatchObject({ channel: "a", state: "sent", status: 200, attempts: 3 });
    const [first, second, third] = flaky.received.map((r) => r.at);
    expect(second - first).toBeGreaterThanOrEqual(150);
    expect(third - second).toBeGreaterThanOrEqual(300);
    expect(flaky.received.map((r) => r.body.message)).toEqual(Array(3).fill("发现 1 个卡住的诊断任务"));
    expect((await eventOf(rule)).delivery).toEqual([delivery]);
  });

  it("retries are bounded: a receiver that keeps failing is tried `attempts` times and recorded as failed; the rule's other channel is not held back", async () => {
    const down = track(await startReceiver([500, 500, 500, 500, 500]));
    const up = track(await startReceiver());
    const rule = ruleFor([down.url("/down"), up.url("/up")]);
    const [outcome] = await evaluateAlerts([rule], CYCLE, context({ attempts: 3, firstRetryDelayMs: 20, timeoutMs: 2_000 }));
    const deliveries = await outcome.delivered;

    expect(down.received).toHaveLength(3);
    expect(up.received).toHaveLength(1);
    expect(up.received[0].at).toBeLessThan(down.received[2].at);
    expect(deliveries).toMatchObject([
      { channel: "a", state: "failed", status: 500, error: "HTTP 500", attempts: 3 },
      { channel: "b", state: "sent", attempts: 1 },
    ]);
    expect((await eventOf(rule)).delivery).toEqual(deliveries);
  });

  it("a receiver that never answers does not hold up the watchdog cycle; it times out later, in the background, and is recorded", async () => {
    const hanging = track(await startHttpReceiver(() => "hang"));
    const up = track(await startReceiver());
    const rule = ruleFor([hanging.url("/hang"), up.url("/up")], "stuck_tasks_count >= 0");
    const watchdog = new Watchdog({
      intervalMs: 60_000,
      autoRecover: false,
      instanceId: () => undefined,
      onCycle: alertHook([rule], context({ attempts: 2, firstRetryDelayMs: 50, timeoutMs: 3_000 })),
    });

    const started = Date.now();
    await watchdog.cycle();
    expect(Date.now() - started).toBeLessThan(2_500);
    // Right after the cycle the hanging channel is still being sent to, while the other one is delivered.
    const meanwhile = await waitFor(async () => {
      const { delivery } = await eventOf(rule);
      return delivery[1].state === "sent" && delivery;
    }, 2_500);
    expect(meanwhile[0]).toMatchObject({ channel: "a", state: "sending", attempts: 0 });

    const settled = await waitFor(async () => {
      const { delivery } = await eventOf(rule);
      return delivery[0].state !== "sending" && delivery;
    }, 15_000);
    expect(settled[0]).toMatchObject({ channel: "a", state: "failed", status: null, error: "no answer within 3 s", attempts: 2 });
    expect(hanging.received).toHaveLength(2);
  }, 30_000);
});
