import "../support/use-own-database";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { waitFor } from "../support/wait-for";
import { createInstance, createTask, makeRunning } from "../support/fixtures";
import { uniqueName } from "../support/unique";
import { startWorker, type WorkerProcess } from "../support/worker-process";
import type { Delivery } from "@/server/alerts/deliver-notification";
import { SINK_CERT_FILE, startSmtpSink } from "./smtp-sink";
import { startHttpReceiver, startReceiver } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let workers: WorkerProcess[] = [];
beforeAll(async () => {
  receiver = await startReceiver();
});
afterEach(async () => {
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exited));
  workers = [];
});
afterAll(() => receiver.close());

function rulesFile(yaml: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "alerts-")), "alerts.yaml");
  fs.writeFileSync(file, yaml);
  return file;
}

const stuckRule = (name: string, actions: string) =>
  `alerts:\n  - name: ${name}\n    condition: stuck_tasks_count > 0\n    message: "发现 {{ stuck_tasks_count }} 个卡住的诊断任务"\n    actions: [${actions}]\n`;

describe("alerts in server and worker processes", () => {
  it("a worker refuses to start when the alert rules are invalid, saying which rule and what is wrong", async () => {
    const file = rulesFile(
      "alerts:\n  - name: typo\n    condition: stuck_task_count > 0\n    message: x\n    actions: [send_notification]\n",
    );
    const worker = startWorker({ ALERTS_FILE: file });
    workers.push(worker);
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain(`${file}: alert #1 "typo": condition "stuck_task_count > 0": 未知的指标 "stuck_task_count"`);
    expect(worker.output()).toContain('(unknown metric "stuck_task_count"; known metrics: ');
  }, 60_000);

  it("with AUTO_RECOVERY_ENABLED=0 the watchdog alerts about a stuck task but leaves it; a rule with auto_recovery resets it", async () => {
    const task = await createTask();
    await makeRunning(task.id, { ownerId: await createInstance({ heartbeatAgeSeconds: 600 }), heartbeatAgeSeconds: 600 });
    const settings = {
      WATCHDOG_ENABLED: "1",
      WATCHDOG_INTERVAL_MS: "1000",
      AUTO_RECOVERY_ENABLED: "0",
      ALERT_WEBHOOK_URLS: receiver.url(),
    };
    const notifyOnly = uniqueName("notify");
    const watcher = startWorker({ ...settings, ALERTS_FILE: rulesFile(stuckRule(notifyOnly, "send_notification")) });
    workers.push(watcher);

    const call = await waitFor(
      async () => receiver.received.find((r) => r.body.alert === notifyOnly),
      30_000,
      () => `the alert (${watcher.output()})`,
    );
    expect(call.body).toMatchObject({ message: "发现 1 个卡住的诊断任务", value: 1 });
    const db = await getDb();
    expect((await db.diagnosisTask.findUniqueOrThrow({ where: { id: task.id } })).status).toBe("running");
    expect(await db.recoveryAudit.count({ where: { taskId: task.id } })).toBe(0);
    watcher.child.kill("SIGTERM");
    await watcher.exited;

    const recovering = startWorker({
      ...settings,
      ALERTS_FILE: rulesFile(stuckRule(uniqueName("recover"), "send_notification, auto_recovery")),
    });
    workers.push(recovering);
    const audit = await waitFor(
      () => db.recoveryAudit.findFirst({ where: { taskId: task.id } }),
      30_000,
      () => `the alert's recovery (${recovering.output()})`,
    );
    expect(audit).toMatchObject({ actorType: "watchdog", mode: "auto", reasonCode: "executor_dead" });
  }, 90_000);

  it("channel secrets from the environment reach the receivers but never the logs, the log file or the event record, even when a receiver quotes them", async () => {
    const secrets = {
      token: `tok${uniqueName("t").replace(/-/g, "")}`,
      secret: `SEC${uniqueName("s")}`,
      password: `pw-${uniqueName("p")}`,
    };
    // Answers like a robot refusing the signature, quoting the request's URL (its access_token) back.
    const robot = await startHttpReceiver((r) => ({ status: 200, json: { errcode: 310000, errmsg: `sign not match for ${r.path}` } }));
    const sink = await startSmtpSink({ tls: "starttls", login: { user: "alert@example.com", password: "not-what-the-file-says" } });
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), "alert-logs-"));
    const name = uniqueName("secret");
    const worker = startWorker({
      WATCHDOG_ENABLED: "1",
      WATCHDOG_INTERVAL_MS: "1000",
      AUTO_RECOVERY_ENABLED: "0",
      LOG_LEVEL: "info",
      LOG_DIR: logDir,
      ES_DT_TOKEN: secrets.token,
      ES_DT_SECRET: secrets.secret,
      ES_SMTP_PASSWORD: secrets.password,
      ALERTS_FILE: rulesFile(`channels:
  - name: ops_dingtalk
    type: dingtalk
    url: ${robot.url("/robot/send?access_token=${ES_DT_TOKEN}")}
    secret: \${ES_DT_SECRET}
  - name: ops_mail
    type: email
    host: 127.0.0.1
    port: ${sink.port}
    ca_file: ${path.resolve(SINK_CERT_FILE)}
    username: alert@example.com
    password: \${ES_SMTP_PASSWORD}
    from: alert@example.com
    to: [ops@example.com]
alerts:
  - name: ${name}
    condition: stuck_tasks_count >= 0
    message: "{{ stuck_tasks_count }} 个卡住的任务"
    actions: [send_notification]
    channels: [ops_dingtalk, ops_mail]
`),
    });
    workers.push(worker);
    try {
      const db = await getDb();
      const event = await waitFor(
        async () => {
          const e = await db.alertEvent.findFirst({ where: { ruleName: name } });
          return e && (e.delivery as unknown as Delivery[]).every((d) => d.state !== "sending") && e;
        },
        30_000,
        () => `the alert's deliveries (${worker.output()})`,
      );
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);

      expect(robot.received[0].path).toContain(`access_token=${secrets.token}`);
      expect(event.delivery).toMatchObject([
        {
          channel: "ops_dingtalk",
          state: "failed",
          error: expect.stringMatching(/^DingTalk errcode 310000: sign not match for \/robot\/send\?access_token=\*\*\*&timestamp=/),
        },
        { channel: "ops_mail", state: "failed", status: 535 },
      ]);
      const logged = worker.output() + fs.readFileSync(path.join(logDir, "diagnosis.log"), "utf8");
      expect(logged).toMatch(/channel ops_dingtalk failed/);
      expect(logged).toMatch(/channel ops_mail failed/);
      for (const secret of Object.values(secrets)) {
        expect(logged).not.toContain(secret);
        expect(JSON.stringify(event.delivery)).not.toContain(secret);
      }
    } finally {
      await Promise.all([robot.close(), sink.close()]);
    }
  }, 60_000);

  it("on SIGTERM a send waiting to be retried is not retried; the event records that, and the process exits", async () => {
    const down = await startReceiver(Array(10).fill(500));
    const name = uniqueName("shutdown");
    const worker = startWorker({
      WATCHDOG_ENABLED: "1",
      WATCHDOG_INTERVAL_MS: "1000",
      AUTO_RECOVERY_ENABLED: "0",
      ALERTS_FILE: rulesFile(
        `alerts:\n  - name: ${name}\n    condition: stuck_tasks_count >= 0\n    message: x\n    actions: [send_notification]\n    webhooks: [${down.url()}]\n`,
      ),
    });
    workers.push(worker);
    try {
      await waitFor(
        async () => /retrying in 2 s/.test(worker.output()),
        30_000,
        () => `a failed first attempt (${worker.output()})`,
      );
      const stopping = Date.now();
      worker.child.kill("SIGTERM");
      expect(await worker.exited).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(10_000);
      const event = await (await getDb()).alertEvent.findFirstOrThrow({ where: { ruleName: name } });
      const [delivery] = event.delivery as unknown as Delivery[];
      expect(delivery).toMatchObject({ state: "failed", status: 500, error: "HTTP 500 (not retried: the process is stopping)" });
      expect(delivery.attempts).toBe(down.received.length);
      expect(delivery.attempts).toBeLessThan(4);
    } finally {
      await down.close();
    }
  }, 60_000);
});
