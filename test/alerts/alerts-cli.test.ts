import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDingTalkRobot, startWeComRobot } from "./robot-receivers";
import { startReceiver } from "./webhook-receiver";

const SECRETS = {
  ES_CLI_DT_TOKEN: "dt-token-5f1e2d3c4b5a6978",
  ES_CLI_DT_SECRET: "SEC-cli-5ecret-0123456789",
  ES_CLI_WX_KEY: "wx-key-0a1b2c3d4e5f6789",
};

/** Runs `easysight alerts ...` as a user would; resolves with the exit code and both outputs. */
function easysight(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["bin/easysight.mjs", "alerts", ...args],
      { env: { ...process.env, ...SECRETS, ...env } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
    );
  });
}

let dingTalk: Awaited<ReturnType<typeof startDingTalkRobot>>;
let weCom: Awaited<ReturnType<typeof startWeComRobot>>;
let hook: Awaited<ReturnType<typeof startReceiver>>;
let file: string;
beforeAll(async () => {
  dingTalk = await startDingTalkRobot({ accessToken: SECRETS.ES_CLI_DT_TOKEN, secret: SECRETS.ES_CLI_DT_SECRET });
  weCom = await startWeComRobot({ key: "the-robot-has-another-key" });
  hook = await startReceiver();
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "alerts-cli-")), "alerts.yaml");
  fs.writeFileSync(
    file,
    `channels:
  - name: ops_dingtalk
    type: dingtalk
    url: ${dingTalk.url("/robot/send?access_token=${ES_CLI_DT_TOKEN}")}
    secret: \${ES_CLI_DT_SECRET}
  - name: ops_wecom
    type: wecom
    url: ${weCom.url("/cgi-bin/webhook/send?key=${ES_CLI_WX_KEY}")}
alerts:
  - name: stuck_tasks
    condition: stuck_tasks_count > 0
    message: "发现 {{ stuck_tasks_count }} 个卡住的诊断任务"
    actions: [send_notification, auto_recovery]
    channels: [ops_dingtalk, ops_wecom]
  - name: dingtalk_only
    condition: dead_executors_count > 0
    message: "{{ dead_executors_count }} 个执行器失联"
    actions: [send_notification]
    channels: [ops_dingtalk]
  - name: quiet
    condition: running_tasks_count > 100
    message: busy
    actions: [auto_recovery]
`,
  );
});
afterAll(() => Promise.all([dingTalk.close(), weCom.close(), hook.close()]));

const expectNoSecret = (text: string) => {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
};

describe("easysight alerts check", () => {
  it("lists every rule's channels with the secrets masked, as text and as JSON", async () => {
    const text = await easysight(["check", "--file", file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`    ops_dingtalk (dingtalk): ${dingTalk.url("/robot/send?access_token=***")} (signed, secret ***)\n`);
    expect(text.stdout).toContain(`    ops_wecom (wecom): ${weCom.url("/cgi-bin/webhook/send?key=***")}\n`);

    const json = await easysight(["check", "--file", file, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)[0].channels).toEqual([
      { name: "ops_dingtalk", type: "dingtalk", target: `${dingTalk.url("/robot/send?access_token=***")} (signed, secret ***)` },
      { name: "ops_wecom", type: "wecom", target: weCom.url("/cgi-bin/webhook/send?key=***") },
    ]);
    expectNoSecret(text.stdout + text.stderr + json.stdout + json.stderr);
  }, 30_000);

  it("says which variable is missing when the file names one that is not set", async () => {
    const { code, stderr } = await easysight(["check", "--file", file], { ES_CLI_DT_SECRET: "" });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `${file}: channel #1 "ops_dingtalk": secret: 环境变量 ES_CLI_DT_SECRET 未设置 (environment variable ES_CLI_DT_SECRET is not set).`,
    );
  }, 30_000);
});

describe("easysight alerts test", () => {
  it("sends one test notification through each of the rule's channels and prints each outcome; one failure makes the exit non-zero", async () => {
    const { code, stdout, stderr } = await easysight(["test", "stuck_tasks", "--file", file], { ALERT_WEBHOOK_URLS: hook.url("/all") });

    expect(code).toBe(1);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^result\s+channel\s+type\s+target\s+error$/);
    expect(lines[1]).toMatch(/^ok\s+ALERT_WEBHOOK_URLS\[1\]\s+webhook\s+http:\/\/127\.0\.0\.1:\d+\/all\s+-$/);
    expect(lines[2]).toMatch(/^ok\s+ops_dingtalk\s+dingtalk\s+/);
    expect(lines[3]).toMatch(/^FAILED\s+ops_wecom\s+wecom\s+.*WeCom errcode 93000: invalid webhook url$/);
    expect(stdout).toContain("1 of 3 channel(s) failed");
    expectNoSecret(stdout + stderr);

    expect(dingTalk.received.at(-1)!.body.markdown.title).toBe("EasySight 告警测试：stuck_tasks");
    expect(hook.received.at(-1)!.body).toMatchObject({ alert: "stuck_tasks", test: true, value: 0 });
    expect(weCom.received).toHaveLength(1);
  }, 30_000);

  it("exits 0 when every channel took the message", async () => {
    const { code, stdout } = await easysight(["test", "dingtalk_only", "--file", file]);
    expect(code).toBe(0);
    expect(stdout).toContain("all 1 channel(s) OK");
  }, 30_000);

  it("an unknown rule, or one that does not notify, is an error that says so", async () => {
    const unknown = await easysight(["test", "stuck", "--file", file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      `没有名为 "stuck" 的规则 (no rule named "stuck" in ${file}; rules: stuck_tasks, dingtalk_only, quiet).`,
    );
    const quiet = await easysight(["test", "quiet", "--file", file]);
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toContain('(rule "quiet" does not notify: its actions have no send_notification).');
  }, 30_000);
});
