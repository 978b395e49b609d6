import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AlertConfigError, loadAlertRules, parseAlertRules } from "@/server/alerts/alert-rules";

const problemsOf = (yaml: string) => {
  try {
    parseAlertRules(yaml, "alerts.yaml");
  } catch (err) {
    expect(err).toBeInstanceOf(AlertConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("the file was accepted");
};

describe("alert rules file", () => {
  it("the shipped config/alerts.yaml is the spec's rule, with the default cool-down", () => {
    expect(loadAlertRules("config/alerts.yaml")).toMatchObject([
      {
        name: "stuck_tasks",
        conditionText: "stuck_tasks_count > 0",
        message: "发现 {{ stuck_tasks_count }} 个卡住的诊断任务",
        actions: ["send_notification", "auto_recovery"],
        cooldownMinutes: 30,
        webhooks: [],
      },
    ]);
  });

  it("a missing file means no alerts; an empty one means none either", () => {
    expect(loadAlertRules(path.join(os.tmpdir(), `no-such-alerts-${process.pid}.yaml`))).toBeNull();
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "alerts-")), "alerts.yaml");
    fs.writeFileSync(empty, "# nothing yet\n");
    expect(loadAlertRules(empty)).toEqual([]);
  });

  it("reads cool-down and per-rule webhooks", () => {
    const [rule] = parseAlertRules(
      "alerts:\n  - name: busy\n    condition: running_tasks_count >= 50 or avg_runtime_minutes > 20\n    message: x\n    actions: [send_notification]\n    cooldown_minutes: 5\n    webhooks: [https://hooks.example/a]\n",
      "f.yaml",
    );
    expect(rule).toMatchObject({ name: "busy", cooldownMinutes: 5, webhooks: ["https://hooks.example/a"] });
  });

  it("every problem is reported with the file, the rule's number and name, and what is wrong", () => {
    const problems = problemsOf(`alerts:
  - name: first
    condition: stuck_task_count > 0
    message: "{{ stuck_count }}"
    actions: [send_notification, page_someone]
  - name: first
    condition: stuck_tasks_count => 1
    message: ok
    actions: [auto_recovery]
    cooldown: 5
  - condition: stuck_tasks_count > 0
    actions: []
  - name: hooks
    condition: stuck_tasks_count > 0
    message: ok
    actions: [send_notification]
    webhooks: [ftp://x]
`);
    expect(problems).toEqual([
      'alerts.yaml: alert #1 "first": actions.1 unknown action "page_someone"; known actions: send_notification, auto_recovery',
      expect.stringMatching(
        /^alerts.yaml: alert #1 "first": condition "stuck_task_count > 0": unknown metric "stuck_task_count"; known metrics: stuck_tasks_count, /,
      ),
      expect.stringMatching(/^alerts.yaml: alert #1 "first": message: unknown placeholder \{\{ stuck_count \}\}/),
      expect.stringMatching(/^alerts.yaml: alert #2 "first": unknown field cooldown \(known: .*cooldown_minutes/),
      'alerts.yaml: alert #2 "first": duplicate name "first" (names must be unique)',
      expect.stringMatching(/^alerts.yaml: alert #2 "first": condition "stuck_tasks_count => 1": unexpected "=>"/),
      "alerts.yaml: alert #3: missing name",
      "alerts.yaml: alert #3: missing message",
      "alerts.yaml: alert #3: actions must list at least one action",
      'alerts.yaml: alert #4 "hooks": webhooks.0 must be an http(s) URL',
    ]);
  });

  it("broken YAML and a wrong shape are refused with a sentence", () => {
    expect(problemsOf("alerts:\n  - name: a\n   bad: [\n")[0]).toMatch(/^alerts.yaml: invalid YAML: .* at line \d+, column \d+$/);
    expect(problemsOf("rules:\n  - name: a\n")).toEqual([
      'alerts.yaml: must be a mapping with the keys "alerts" (a list of rules) and, optionally, "channels" (a list of notification channels)',
    ]);
    expect(problemsOf("alerts: stuck\n")).toEqual(['alerts.yaml: "alerts" must be a list of rules']);
  });
});
