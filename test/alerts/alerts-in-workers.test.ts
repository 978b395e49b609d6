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
import { startReceiver } from "./webhook-receiver";

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
    expect(worker.output()).toContain(`${file}: alert #1 "typo": condition "stuck_task_count > 0": unknown metric "stuck_task_count"`);
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
});
