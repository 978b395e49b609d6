import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AlertConfigError, loadAlertRules, parseAlertRules } from "@/server/alerts/alert-rules";
import { expectBilingualLine } from "../support/expect-bilingual";

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
      'alerts.yaml: alert #1 "first": actions.1: 未知的动作 "page_someone"，可用的有：send_notification, auto_recovery (unknown action "page_someone"; known: send_notification, auto_recovery).',
      expect.stringMatching(
        /^alerts.yaml: alert #1 "first": condition "stuck_task_count > 0": 未知的指标 "stuck_task_count".* \(unknown metric "stuck_task_count"; known metrics: stuck_tasks_count, .*\)\.$/,
      ),
      expect.stringMatching(
        /^alerts.yaml: alert #1 "first": message: 未知的占位符 \{\{ stuck_count \}\}.* \(unknown placeholder \{\{ stuck_count \}\}; known: /,
      ),
      expect.stringMatching(
        /^alerts.yaml: alert #2 "first": 未知的字段 cooldown.* \(unknown field cooldown; known: .*cooldown_minutes.*\)\.$/,
      ),
      'alerts.yaml: alert #2 "first": 名称 "first" 重复，名称必须唯一 (duplicate name "first"; names must be unique).',
      expect.stringMatching(
        /^alerts.yaml: alert #2 "first": condition "stuck_tasks_count => 1": .* \(unexpected "=>" at position 19; operators: /,
      ),
      "alerts.yaml: alert #3: 缺少 name (missing name).",
      "alerts.yaml: alert #3: 缺少 message (missing message).",
      "alerts.yaml: alert #3: actions: 至少要列出一个动作 (must list at least one action).",
      'alerts.yaml: alert #4 "hooks": webhooks.0: 必须是 http(s) 地址 (must be an http(s) URL).',
    ]);
    for (const line of problems) expectBilingualLine(line, "alerts.yaml");
  });

  it("every kind of problem is said in both languages: zod's own checks, wrong types, a rule that is not a mapping", () => {
    const problems = problemsOf(`channels:
  - name: mail
    type: email
    host: smtp.example.com
    from: a@example.com
    to: b@example.com
    port: 0
  - just a string
  - name: hook
    type: webhook
alerts:
  - name: busy
    condition: stuck_tasks_count > (
    message: 42
    actions: send_notification
    cooldown_minutes: 99999
  - 42
`);
    expect(problems).toHaveLength(9);
    for (const line of problems) expectBilingualLine(line, "alerts.yaml");
    // A field given with the wrong type is not called missing; a rule that is not a mapping says what a rule is.
    expect(problems.filter((line) => line.includes("(missing "))).toEqual(['alerts.yaml: channel #3 "hook": 缺少 url (missing url).']);
    expect(problems.at(-1)).toBe(
      "alerts.yaml: alert #2: 必须是含 name、condition、message 和 actions 的映射 (must be a mapping with name, condition, message and actions).",
    );
  });

  it("broken YAML and a wrong shape are refused with a sentence", () => {
    const broken = problemsOf("alerts:\n  - name: a\n   bad: [\n")[0];
    expect(broken).toMatch(/^alerts.yaml: YAML 格式有误 \(invalid YAML: .* at line \d+, column \d+\)\.$/);
    expectBilingualLine(broken, "broken YAML");
    const [shape] = problemsOf("rules:\n  - name: a\n");
    expect(shape).toMatch(
      /^alerts.yaml: 必须是含 "alerts".* \(must be a mapping with the keys "alerts", a list of rules, and optionally "channels", /,
    );
    expectBilingualLine(shape, "wrong shape");
    expect(problemsOf("alerts: stuck\n")).toEqual(['alerts.yaml: "alerts" 必须是规则列表 ("alerts" must be a list of rules).']);
  });
});
