import "../support/use-own-database";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAlertRules, type AlertRule } from "@/server/alerts/alert-rules";
import { evaluateAlerts, type AlertContext } from "@/server/alerts/evaluate-alerts";
import type { DeliveryPolicy } from "@/server/alerts/deliver-notification";
import { collectAlertMetrics } from "@/server/alerts/alert-metrics";
import { getDb } from "@/server/db/client";
import type { WatchdogCycle } from "@/server/recovery/watchdog";
import { uniqueName } from "../support/unique";
import { createInstance, createTask, makeRunning } from "../support/fixtures";
import { startReceiver } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const cycle = (stuck: number, extra: Partial<WatchdogCycle> = {}): WatchdogCycle => ({
  running: stuck,
  stuck,
  reset: 0,
  failed: 0,
  avgRuntimeMinutes: 0,
  ...extra,
});

/** One rule with a unique name (alert state is shared by everything in the database). */
function rule(
  options: { condition?: string; actions?: string[]; cooldown?: number; webhooks?: string[]; message?: string } = {},
): AlertRule {
  const name = uniqueName("rule");
  const yaml = [
    "alerts:",
    `  - name: ${name}`,
    `    condition: ${options.condition ?? "stuck_tasks_count > 0"}`,
    `    message: "${options.message ?? "发现 {{ stuck_tasks_count }} 个卡住的诊断任务"}"`,
    `    actions: [${(options.actions ?? ["send_notification"]).join(", ")}]`,
    ...(options.cooldown ? [`    cooldown_minutes: ${options.cooldown}`] : []),
    ...(options.webhooks ? [`    webhooks: [${options.webhooks.join(", ")}]`] : []),
  ].join("\n");
  return parseAlertRules(yaml, "test.yaml")[0];
}

/** Retries 20 ms and 40 ms apart instead of seconds: the behaviour is the same, the test is fast. */
const FAST: DeliveryPolicy = { attempts: 3, firstRetryDelayMs: 20, timeoutMs: 2_000 };
const context = (urls: string[]): AlertContext => ({ webhookUrls: urls, instanceId: () => undefined, delivery: FAST });
/** Evaluates and waits for the sends, which go on in the background. */
const evaluate = async (...args: Parameters<typeof evaluateAlerts>) => {
  const outcomes = await evaluateAlerts(...args);
  await Promise.all(outcomes.map((o) => o.delivered));
  return outcomes;
};
const callsFor = (name: string) => receiver.received.filter((r) => r.body.alert === name);
const eventsFor = async (name: string) => (await getDb()).alertEvent.findMany({ where: { ruleName: name }, orderBy: { id: "asc" } });
const backdateFiring = async (name: string, minutes: number) =>
  (await getDb()).$executeRaw`UPDATE alert_states SET last_fired_at = now() - make_interval(mins => ${minutes}) WHERE rule_name = ${name}`;

describe("alert evaluation", () => {
  it("fires when the condition becomes true: POSTs the documented JSON, logs it as an event with the delivery", async () => {
    const r = rule();
    const [outcome] = await evaluate([r], cycle(2), context([receiver.url("/a")]));

    expect(outcome).toMatchObject({ rule: r.name, holds: true, fired: true, value: 2 });
    const [call] = callsFor(r.name);
    expect(call.path).toBe("/a");
    expect(call.contentType).toMatch(/^application\/json/);
    expect(Object.keys(call.body).sort()).toEqual(["alert", "fired_at", "host", "message", "metrics", "value"]);
    expect(call.body).toMatchObject({
      alert: r.name,
      message: "发现 2 个卡住的诊断任务",
      value: 2,
      metrics: { stuck_tasks_count: 2, running_tasks_count: 2 },
    });
    expect(Date.parse(call.body.fired_at)).not.toBeNaN();
    const [event] = await eventsFor(r.name);
    expect(event).toMatchObject({
      message: "发现 2 个卡住的诊断任务",
      value: 2,
      delivery: [
        {
          channel: "ALERT_WEBHOOK_URLS[1]",
          type: "webhook",
          target: receiver.url("/a"),
          state: "sent",
          status: 200,
          error: null,
          attempts: 1,
        },
      ],
    });
  });

  it("stays quiet while firing within the cool-down, fires again after it, and again at once after the condition cleared", async () => {
    const r = rule({ cooldown: 10 });
    const ctx = context([receiver.url()]);
    await evaluate([r], cycle(1), ctx);
    await evaluate([r], cycle(3), ctx);
    expect(callsFor(r.name)).toHaveLength(1);

    await backdateFiring(r.name, 11);
    await evaluate([r], cycle(4), ctx);
    expect(callsFor(r.name).map((c) => c.body.value)).toEqual([1, 4]);

    const [cleared] = await evaluate([r], cycle(0), ctx);
    expect(cleared).toMatchObject({ holds: false, fired: false });
    expect(await (await getDb()).alertState.findUniqueOrThrow({ where: { ruleName: r.name } })).toMatchObject({
      firing: false,
      lastValue: 0,
    });
    await evaluate([r], cycle(5), ctx);
    expect(callsFor(r.name).map((c) => c.body.value)).toEqual([1, 4, 5]);
    expect(await eventsFor(r.name)).toHaveLength(3);
  });

  it("many processes evaluating the same rule at once notify exactly once", async () => {
    const r = rule();
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => evaluate([r], cycle(1), context([receiver.url()]))));
    expect(outcomes.flat().filter((o) => o.fired)).toHaveLength(1);
    expect(callsFor(r.name)).toHaveLength(1);
    expect(await eventsFor(r.name)).toHaveLength(1);
  });

  it("a failing webhook is retried; its outcome is recorded per URL and the others still get the alert", async () => {
    const flaky = await startReceiver([500]);
    const down = await startReceiver([503, 503, 503]);
    try {
      const r = rule({ webhooks: [down.url("/rule-own")] });
      await evaluate([r], cycle(1), context([flaky.url("/global")]));
      expect(flaky.received).toHaveLength(2);
      expect(down.received.map((c) => c.path)).toEqual(["/rule-own", "/rule-own", "/rule-own"]);
      const [event] = await eventsFor(r.name);
      expect(event.delivery).toEqual([
        {
          channel: "ALERT_WEBHOOK_URLS[1]",
          type: "webhook",
          target: flaky.url("/global"),
          state: "sent",
          status: 200,
          error: null,
          attempts: 2,
        },
        {
          channel: "webhooks[1]",
          type: "webhook",
          target: down.url("/rule-own"),
          state: "failed",
          status: 503,
          error: "HTTP 503",
          attempts: 3,
        },
      ]);
    } finally {
      await Promise.all([flaky.close(), down.close()]);
    }
  });

  it("webhook secrets (a token in the query, a long key in the path) never reach the event record", async () => {
    const r = rule();
    const secretUrl = receiver.url("/robot/send/abcdefghijklmnop1234?access_token=s3cr3t-t0ken&x=1");
    await evaluate([r], cycle(1), context([secretUrl]));
    expect(callsFor(r.name).map((c) => c.path)).toEqual(["/robot/send/abcdefghijklmnop1234?access_token=s3cr3t-t0ken&x=1"]);
    const [event] = await eventsFor(r.name);
    expect(event.delivery).toMatchObject([{ state: "sent", target: receiver.url("/robot/send/***?access_token=***&x=***") }]);
    expect(JSON.stringify(event.delivery)).not.toMatch(/s3cr3t|abcdefghijklmnop/);
  });

  it("an unreachable webhook is recorded as failed, and the alert still counts as fired", async () => {
    const gone = await startReceiver();
    const url = gone.url();
    await gone.close();
    const r = rule();
    const [outcome] = await evaluate([r], cycle(1), context([url]));
    expect(outcome.fired).toBe(true);
    expect((await eventsFor(r.name))[0].delivery).toEqual([
      { channel: "ALERT_WEBHOOK_URLS[1]", type: "webhook", target: url, state: "failed", status: null, error: "ECONNREFUSED", attempts: 3 },
    ]);
  });

  it("auto_recovery resets the stuck tasks as the watchdog, in every cycle the condition holds, even within the cool-down", async () => {
    const r = rule({ actions: ["auto_recovery"] });
    const dead = await createInstance({ heartbeatAgeSeconds: 600 });
    const first = await createTask();
    await makeRunning(first.id, { ownerId: dead, heartbeatAgeSeconds: 600 });
    const ctx: AlertContext = { webhookUrls: [receiver.url()], instanceId: () => dead };

    const [one] = await evaluate([r], cycle(1), ctx);
    const second = await createTask();
    await makeRunning(second.id, { ownerId: dead, heartbeatAgeSeconds: 600 });
    const [two] = await evaluate([r], cycle(1), ctx);

    expect([one.fired, two.fired]).toEqual([true, false]);
    expect(one.recovered + two.recovered).toBeGreaterThanOrEqual(2);
    const db = await getDb();
    for (const task of [first, second]) {
      expect((await db.diagnosisTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("pending");
      expect(await db.recoveryAudit.findFirstOrThrow({ where: { taskId: task.id } })).toMatchObject({
        mode: "auto",
        actorType: "watchdog",
        actorLabel: `${os.hostname()}:${process.pid}`,
      });
    }
    expect(callsFor(r.name)).toHaveLength(0);
    expect(await eventsFor(r.name)).toHaveLength(1);
  });

  it("metrics from the database: dead executors (not stopped ones), recoveries in the last hour", async () => {
    const before = await collectAlertMetrics(cycle(0));
    await createInstance({ heartbeatAgeSeconds: 600 });
    await createInstance({ heartbeatAgeSeconds: 600, stopped: true });
    await createInstance({ heartbeatAgeSeconds: 1 });
    const task = await createTask();
    await makeRunning(task.id, { ownerId: await createInstance({ heartbeatAgeSeconds: 900 }), heartbeatAgeSeconds: 900 });
    await evaluate([rule({ actions: ["auto_recovery"] })], cycle(1), context([]));
    const after = await collectAlertMetrics(cycle(0, { avgRuntimeMinutes: 7.5 }));
    expect(after.dead_executors_count - before.dead_executors_count).toBe(2);
    expect(after.recoveries_last_hour - before.recoveries_last_hour).toBe(1);
    expect(after.avg_runtime_minutes).toBe(7.5);
  });
});
