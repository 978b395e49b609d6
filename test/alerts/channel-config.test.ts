import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AlertConfigError, parseAlertRules } from "@/server/alerts/alert-rules";
import { SINK_CERT_FILE } from "./smtp-sink";
import { expectBilingualLine } from "../support/expect-bilingual";

const setVariables: string[] = [];
/** Sets environment variables for the rules file's `${NAME}` references, each name unique to this run. */
function variable(value: string): string {
  const name = `ES_TEST_${process.pid}_${setVariables.length}`;
  process.env[name] = value;
  setVariables.push(name);
  return name;
}
afterEach(() => {
  for (const name of setVariables.splice(0)) delete process.env[name];
});

const problemsOf = (yaml: string, file = "alerts.yaml") => {
  try {
    parseAlertRules(yaml, file);
  } catch (err) {
    expect(err).toBeInstanceOf(AlertConfigError);
    return (err as Error).message.split("\n");
  }
  throw new Error("the file was accepted");
};

describe("notification channels in the alert rules file", () => {
  it("defines each channel once by name; a rule notifies the channels it names, with ${VAR} filled from the environment", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "alerts-"));
    fs.copyFileSync(SINK_CERT_FILE, path.join(folder, "mail-ca.pem"));
    const token = variable("dt-token-0123456789abcdef");
    const secret = variable("SECabcdef0123456789");
    const password = variable("smtp-pa55word");
    const hookKey = variable("hook-key-0123456789");
    const [stuck, slow] = parseAlertRules(
      `channels:
  - name: ops_dingtalk
    type: dingtalk
    url: https://oapi.dingtalk.com/robot/send?access_token=\${${token}}
    secret: \${${secret}}
    at_mobiles: ["13800000000"]
  - name: ops_wecom
    type: wecom
    url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc
    format: text
    at_all: true
    language: en
  - name: ops_mail
    type: email
    host: smtp.example.com
    tls: implicit
    ca_file: mail-ca.pem
    username: alert@example.com
    password: \${${password}}
    from: "EasySight <alert@example.com>"
    to: [ops@example.com, oncall@example.com]
  - name: relay
    type: email
    host: 10.0.0.5
    tls: none
    from: alert@example.com
    to: [ops@example.com]
  - name: legacy
    type: webhook
    url: https://hooks.example/x
alerts:
  - name: stuck
    condition: stuck_tasks_count > 0
    message: 卡住了
    actions: [send_notification]
    channels: [ops_mail, ops_dingtalk, ops_wecom]
  - name: slow
    condition: avg_runtime_minutes > 30
    message: 太慢
    actions: [send_notification]
    channels: [relay, legacy]
    webhooks: ["https://hooks.example/y/\${${hookKey}}"]
`,
      path.join(folder, "alerts.yaml"),
    );
    expect(stuck.channels).toEqual([
      {
        type: "email",
        name: "ops_mail",
        host: "smtp.example.com",
        port: 465,
        tls: "implicit",
        ca: fs.readFileSync(SINK_CERT_FILE, "utf8"),
        caFile: path.join(folder, "mail-ca.pem"),
        username: "alert@example.com",
        password: "smtp-pa55word",
        from: "EasySight <alert@example.com>",
        to: ["ops@example.com", "oncall@example.com"],
        language: "zh-CN",
      },
      {
        type: "dingtalk",
        name: "ops_dingtalk",
        url: "https://oapi.dingtalk.com/robot/send?access_token=dt-token-0123456789abcdef",
        secret: "SECabcdef0123456789",
        format: "markdown",
        language: "zh-CN",
        atMobiles: ["13800000000"],
        atAll: false,
      },
      {
        type: "wecom",
        name: "ops_wecom",
        url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc",
        format: "text",
        language: "en",
        atMobiles: [],
        atAll: true,
      },
    ]);
    expect(slow.channels.map((c) => [c.name, c.type, c.type === "email" ? c.port : null])).toEqual([
      ["relay", "email", 25],
      ["legacy", "webhook", null],
    ]);
    expect(slow.webhooks).toEqual(["https://hooks.example/y/hook-key-0123456789"]);
  });

  it("every problem with a channel or a rule's channel list is one sentence naming it, and none quotes a secret", () => {
    const unset = `ES_TEST_UNSET_${process.pid}`;
    const problems = problemsOf(`channels:
  - name: dd
    type: dingding
    url: https://oapi.dingtalk.com/robot/send?access_token=tok3n-in-url
  - name: nourl
    type: wecom
  - name: mentions
    type: wecom
    url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k
    at_mobiles: ["13800000000"]
  - name: mail
    type: email
    host: smtp.example.com
    username: alert@example.com
    from: nobody
    to: [not-an-address]
    tls: ssl
  - name: secret_from_env
    type: dingtalk
    url: https://oapi.dingtalk.com/robot/send?access_token=x
    secret: \${${unset}}
  - name: bad_url
    type: webhook
    url: "ftp://user:hunter2@files.example/x"
    retries: 3
  - name: mail
    type: email
    host: smtp.example.com
    from: a@example.com
    to: [b@example.com]
    ca_file: /no/such/ca.pem
  - type: webhook
alerts:
  - name: rule
    condition: stuck_tasks_count > 0
    message: x
    actions: [auto_recovery]
    channels: [mentions, pager, mentions]
`);
    expect(problems).toEqual([
      'alerts.yaml: channel #1 "dd": 未知的类型 "dingding"，可用的类型：webhook, dingtalk, wecom, email (unknown type "dingding"; known types: webhook, dingtalk, wecom, email).',
      'alerts.yaml: channel #2 "nourl": 缺少 url (missing url).',
      'alerts.yaml: channel #3 "mentions": at_mobiles 和 at_all 需要 format: text，企业微信的 markdown 消息不能 @ 人 (at_mobiles and at_all need format: text; WeCom\'s markdown messages cannot @ people).',
      'alerts.yaml: channel #4 "mail": tls: 未知的TLS 模式 "ssl"，可用的有：implicit, starttls, none (unknown tls mode "ssl"; known: implicit, starttls, none).',
      'alerts.yaml: channel #4 "mail": from: 必须是电子邮件地址，例如 "EasySight <alert@example.com>" (must be an e-mail address, e.g. "EasySight <alert@example.com>").',
      'alerts.yaml: channel #4 "mail": to.0: 必须是电子邮件地址 (must be e-mail addresses).',
      `alerts.yaml: channel #5 "secret_from_env": secret: 环境变量 ${unset} 未设置 (environment variable ${unset} is not set).`,
      'alerts.yaml: channel #6 "bad_url": url: 必须是 http(s) 地址 (must be an http(s) URL).',
      'alerts.yaml: channel #6 "bad_url": 未知的字段 retries，可用的字段：name, type, url (unknown field retries; known: name, type, url).',
      'alerts.yaml: channel #7 "mail": 渠道名称 "mail" 重复，渠道名称必须唯一 (duplicate name "mail"; channel names must be unique).',
      'alerts.yaml: channel #7 "mail": ca_file: 无法读取 /no/such/ca.pem (cannot read /no/such/ca.pem: ENOENT).',
      "alerts.yaml: channel #8: 缺少 name (missing name).",
      "alerts.yaml: channel #8: 缺少 url (missing url).",
      'alerts.yaml: alert #1 "rule": channels: 有重复的渠道 (lists a channel twice).',
    ]);
    for (const line of problems) expectBilingualLine(line, "alerts.yaml");
    expect(problems.join("\n")).not.toMatch(/tok3n|hunter2/);

    expect(
      problemsOf(`channels:
  - name: hook
    type: webhook
    url: https://hooks.example/x
alerts:
  - name: rule
    condition: stuck_tasks_count > 0
    message: x
    actions: [auto_recovery]
    channels: [hook, pager]
  - name: keyed
    condition: stuck_tasks_count > 0
    message: x
    actions: [send_notification]
    webhooks: ["https://hooks.example/\${${unset}}"]
`),
    ).toEqual([
      'alerts.yaml: alert #1 "rule": channels: 没有名为 "pager" 的渠道，已定义的渠道：hook (no channel named "pager"; defined: hook).',
      'alerts.yaml: alert #1 "rule": 只有 send_notification 动作才会通知 channels 和 webhooks，请把它加入 actions (channels and webhooks are notified only by the send_notification action; add it to actions).',
      `alerts.yaml: alert #2 "keyed": webhooks.0: 环境变量 ${unset} 未设置 (environment variable ${unset} is not set).`,
    ]);
  });

  it("the README's complete example is a valid file: three channels, two rules", () => {
    const readme = fs.readFileSync("README.md", "utf8");
    const example = /A complete example for an operations team[^\n]*\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    for (const name of ["DINGTALK_TOKEN", "DINGTALK_SECRET", "WECOM_KEY", "SMTP_PASSWORD"]) {
      if (process.env[name] !== undefined) continue;
      process.env[name] = "x-secret";
      setVariables.push(name);
    }
    const rules = parseAlertRules(example!, "README.md");
    expect(rules.map((r) => [r.name, r.channels.map((c) => c.name)])).toEqual([
      ["stuck_tasks", ["ops_dingtalk", "ops_mail"]],
      ["executors_lost", ["ops_dingtalk", "ops_wecom", "ops_mail"]],
    ]);
  });

  it("the email channel's username without a password, and a channels key that is not a list, are refused", () => {
    expect(
      problemsOf(`channels:
  - name: mail
    type: email
    host: smtp.example.com
    username: alert@example.com
    from: alert@example.com
    to: [ops@example.com]
`),
    ).toEqual([
      'alerts.yaml: channel #1 "mail": username 和 password 要一起给出，不需登录的中继两者都不给 (username and password go together: give both, or neither for a relay without login).',
    ]);
    expect(problemsOf("channels: {}\nalerts: []\n")).toEqual([
      'alerts.yaml: "channels" 必须是通知渠道列表 ("channels" must be a list of notification channels).',
    ]);
  });
});
