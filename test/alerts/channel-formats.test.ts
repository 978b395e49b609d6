import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { AlertMetrics } from "@/server/alerts/alert-metrics";
import { notification } from "@/server/alerts/alert-notification";
import type { DingTalkChannel, EmailChannel, WeComChannel } from "@/server/alerts/channels/channel";
import { deliverNotification, type DeliveryPolicy } from "@/server/alerts/deliver-notification";
import { startDingTalkRobot, startWeComRobot } from "./robot-receivers";
import { SINK_CERT_FILE, startSmtpSink } from "./smtp-sink";

const FAST: DeliveryPolicy = { attempts: 3, firstRetryDelayMs: 20, timeoutMs: 5_000 };
const METRICS: AlertMetrics = {
  stuck_tasks_count: 2,
  running_tasks_count: 5,
  recovered_tasks_count: 0,
  failed_by_cap_count: 0,
  recoveries_last_hour: 1,
  dead_executors_count: 1,
  avg_runtime_minutes: 12.345,
  critical_findings_count: 0,
  warning_findings_count: 0,
};
const alert = (message = "发现 2 个卡住的诊断任务") => notification("stuck_tasks", message, 2, METRICS, new Date());

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
});
const track = <T extends { close: () => Promise<void> }>(server: T) => (closers.push(server.close), server);

const dingTalk = (url: string, extra: Partial<DingTalkChannel> = {}): DingTalkChannel => ({
  type: "dingtalk",
  name: "ops_dingtalk",
  url,
  format: "markdown",
  language: "zh-CN",
  atMobiles: [],
  atAll: false,
  ...extra,
});
const weCom = (url: string, extra: Partial<WeComChannel> = {}): WeComChannel => ({
  type: "wecom",
  name: "ops_wecom",
  url,
  format: "markdown",
  language: "zh-CN",
  atMobiles: [],
  atAll: false,
  ...extra,
});
const email = (port: number, extra: Partial<EmailChannel> = {}): EmailChannel => ({
  type: "email",
  name: "ops_mail",
  host: "127.0.0.1",
  port,
  tls: "starttls",
  ca: fs.readFileSync(SINK_CERT_FILE, "utf8"),
  from: "EasySight <alert@example.com>",
  to: ["ops@example.com", "oncall@example.com"],
  language: "zh-CN",
  ...extra,
});

describe("DingTalk robot channel", () => {
  it("signs the request with the secret and sends a markdown message with the alert, its metrics and the @ mentions", async () => {
    const robot = track(await startDingTalkRobot({ accessToken: "tok-0123456789abcdef", secret: "SEC0123456789abcdef+/=" }));
    const channel = dingTalk(robot.url("/robot/send?access_token=tok-0123456789abcdef"), {
      secret: "SEC0123456789abcdef+/=",
      atMobiles: ["13800000000"],
    });
    const delivery = await deliverNotification(channel, alert(), FAST);

    expect(delivery).toMatchObject({ state: "sent", status: 200, attempts: 1, error: null });
    const [{ body }] = robot.received;
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.title).toBe("EasySight 告警：stuck_tasks");
    expect(body.markdown.text).toContain("**发现 2 个卡住的诊断任务**");
    expect(body.markdown.text).toContain("- 卡住的任务：2");
    expect(body.markdown.text).toContain("- 平均运行时长（分钟）：12.3");
    expect(body.markdown.text).toMatch(/- 触发时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d/);
    expect(body.markdown.text).toMatch(/@13800000000$/);
    expect(body.at).toEqual({ atMobiles: ["13800000000"], isAtAll: false });
  });

  it("text format; a wrong secret is refused by the robot (errcode 310000) and not retried; the error holds no secret", async () => {
    const robot = track(await startDingTalkRobot({ accessToken: "tok-0123456789abcdef", secret: "SEC-the-right-one" }));
    const url = robot.url("/robot/send?access_token=tok-0123456789abcdef");
    const ok = await deliverNotification(dingTalk(url, { secret: "SEC-the-right-one", format: "text", atAll: true }), alert(), FAST);
    expect(ok.state).toBe("sent");
    expect(robot.received[0].body).toMatchObject({ msgtype: "text", at: { atMobiles: [], isAtAll: true } });
    expect(robot.received[0].body.text.content).toMatch(/^【EasySight 告警：stuck_tasks】\n发现 2 个卡住的诊断任务\n/);

    const wrong = await deliverNotification(dingTalk(url, { secret: "SEC-a-wrong-one" }), alert(), FAST);
    expect(wrong).toMatchObject({ state: "failed", status: 200, attempts: 1, error: "DingTalk errcode 310000: sign not match" });
    expect(robot.received).toHaveLength(2);
    expect(JSON.stringify(wrong)).not.toMatch(/SEC-a-wrong-one|tok-0123456789abcdef/);
  });

  it("a rate-limited robot (errcode 130101) is tried again and gets the message", async () => {
    const robot = track(await startDingTalkRobot({ accessToken: "tok-0123456789abcdef", failFirst: 1 }));
    const delivery = await deliverNotification(dingTalk(robot.url("/robot/send?access_token=tok-0123456789abcdef")), alert(), FAST);
    expect(delivery).toMatchObject({ state: "sent", attempts: 2 });
    expect(robot.received).toHaveLength(2);
  });
});

describe("WeCom robot channel", () => {
  it("sends markdown by default, and text with @ mentions by mobile number and @all, in the channel's language", async () => {
    const robot = track(await startWeComRobot({ key: "wecom-key-0123456789" }));
    const url = robot.url("/cgi-bin/webhook/send?key=wecom-key-0123456789");
    expect((await deliverNotification(weCom(url), alert(), FAST)).state).toBe("sent");
    expect(
      (await deliverNotification(weCom(url, { format: "text", language: "en", atMobiles: ["13800000000"], atAll: true }), alert(), FAST))
        .state,
    ).toBe("sent");

    const [markdown, text] = robot.received.map((r) => r.body);
    expect(Object.keys(markdown)).toEqual(["msgtype", "markdown"]);
    expect(markdown.markdown.content).toMatch(/^### EasySight 告警：stuck_tasks\n\*\*发现 2 个卡住的诊断任务\*\*\n/);
    expect(text.msgtype).toBe("text");
    expect(text.text.content).toMatch(/^【EasySight alert: stuck_tasks】\n发现 2 个卡住的诊断任务\n\nStuck tasks: 2\nRunning tasks: 5\n/);
    expect(text.text.mentioned_mobile_list).toEqual(["13800000000", "@all"]);
  });

  it("a message longer than WeCom accepts is cut to its limit and delivered; a wrong key is refused and not retried", async () => {
    const robot = track(await startWeComRobot({ key: "wecom-key-0123456789" }));
    const long = await deliverNotification(
      weCom(robot.url("/cgi-bin/webhook/send?key=wecom-key-0123456789")),
      alert("卡".repeat(3000)),
      FAST,
    );
    expect(long.state).toBe("sent");
    const content: string = robot.received[0].body.markdown.content;
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(4096);
    expect(content.endsWith("…")).toBe(true);

    const wrong = await deliverNotification(weCom(robot.url("/cgi-bin/webhook/send?key=not-the-key-0123")), alert(), FAST);
    expect(wrong).toMatchObject({ state: "failed", attempts: 1, error: "WeCom errcode 93000: invalid webhook url" });
    expect(wrong.target).toBe(robot.url("/cgi-bin/webhook/send?key=***"));
  });
});

describe("e-mail channel", () => {
  it("delivers over STARTTLS with a login, checking the server's certificate, to every address", async () => {
    const sink = track(await startSmtpSink({ tls: "starttls", login: { user: "alert@example.com", password: "pa55-word" } }));
    const delivery = await deliverNotification(email(sink.port, { username: "alert@example.com", password: "pa55-word" }), alert(), FAST);

    expect(delivery).toMatchObject({ state: "sent", attempts: 1, error: null });
    const [got] = sink.received;
    expect(got).toMatchObject({
      secure: true,
      user: "alert@example.com",
      from: "alert@example.com",
      to: ["ops@example.com", "oncall@example.com"],
    });
    expect(got.mail.subject).toBe("[EasySight 告警：stuck_tasks] 发现 2 个卡住的诊断任务");
    expect(got.mail.from?.text).toBe('"EasySight" <alert@example.com>');
    expect(got.mail.text).toContain("发现 2 个卡住的诊断任务\n\n卡住的任务：2\n运行中的任务：5");
  });

  it("delivers over implicit TLS (port 465 style)", async () => {
    const sink = track(await startSmtpSink({ tls: "implicit" }));
    expect((await deliverNotification(email(sink.port, { tls: "implicit", language: "en" }), alert(), FAST)).state).toBe("sent");
    expect(sink.received[0].secure).toBe(true);
    expect(sink.received[0].mail.subject).toBe("[EasySight alert: stuck_tasks] 发现 2 个卡住的诊断任务");
  });

  it("never sends in the clear when STARTTLS is required but not offered, nor with a certificate it cannot verify", async () => {
    const plain = track(await startSmtpSink({ tls: "none" }));
    const refused = await deliverNotification(email(plain.port), alert(), FAST);
    expect(refused).toMatchObject({ state: "failed", attempts: 1 });
    expect(refused.error).toMatch(/STARTTLS/);

    const tls = track(await startSmtpSink({ tls: "starttls" }));
    const unverified = await deliverNotification(email(tls.port, { ca: undefined }), alert(), FAST);
    expect(unverified).toMatchObject({ state: "failed", attempts: 1 });
    expect(unverified.error).toMatch(/certificate/i);
    expect([...plain.received, ...tls.received]).toHaveLength(0);

    expect((await deliverNotification(email(plain.port, { tls: "none" }), alert(), FAST)).state).toBe("sent");
    expect(plain.received[0].secure).toBe(false);
  });

  it("a refused login fails at once without retrying, and the error does not hold the password", async () => {
    const sink = track(await startSmtpSink({ tls: "starttls", login: { user: "alert@example.com", password: "right-pa55" } }));
    const delivery = await deliverNotification(email(sink.port, { username: "alert@example.com", password: "wrong-pa55" }), alert(), FAST);
    expect(delivery).toMatchObject({ state: "failed", attempts: 1, status: 535 });
    expect(delivery.error).toMatch(/Invalid login/);
    expect(JSON.stringify(delivery)).not.toContain("wrong-pa55");
    expect(delivery.target).toBe(
      "ops@example.com, oncall@example.com via 127.0.0.1:" + sink.port + " (TLS starttls, user alert@example.com, password ***)",
    );
    expect(sink.received).toHaveLength(0);
  });
});
