import crypto from "node:crypto";
import { startHttpReceiver, type Answer, type Received } from "./webhook-receiver";

/**
 * Local stand-ins for the DingTalk and WeCom group robot endpoints. They check what the real ones
 * check (DingTalk's 加签 signature and its one-hour window, WeCom's key, the message shapes and
 * WeCom's size limits) and answer the way they do: HTTP 200 with {errcode, errmsg}.
 */
const reply = (errcode: number, errmsg: string): Answer => ({ status: 200, json: { errcode, errmsg } });

/** The first problem DingTalk would have with a message body, or null. */
function dingTalkShapeProblem(body: Received["body"]): string | null {
  if (body.msgtype === "text") return typeof body.text?.content === "string" && body.text.content ? null : "text.content missing";
  if (body.msgtype === "markdown")
    return typeof body.markdown?.title === "string" && typeof body.markdown?.text === "string" ? null : "markdown.title/text missing";
  return `msgtype ${body.msgtype} not supported`;
}

export async function startDingTalkRobot(options: { accessToken: string; secret?: string; failFirst?: number }) {
  let failures = options.failFirst ?? 0;
  return startHttpReceiver((r) => {
    const url = new URL(r.path, "http://robot");
    if (url.pathname !== "/robot/send" || url.searchParams.get("access_token") !== options.accessToken)
      return reply(300001, "token is not exist");
    if (options.secret) {
      const timestamp = url.searchParams.get("timestamp") ?? "";
      // The raw query must carry the base64 percent-encoded: a literal "+" would read as a space.
      const rawSign = /[?&]sign=([^&]*)/.exec(r.path)?.[1] ?? "";
      const expected = crypto.createHmac("sha256", options.secret).update(`${timestamp}\n${options.secret}`).digest("base64");
      if (Math.abs(Date.now() - Number(timestamp)) > 3_600_000) return reply(310000, "timestamp is not within one hour");
      if (/[+/=]/.test(rawSign) || decodeURIComponent(rawSign) !== expected) return reply(310000, "sign not match");
    }
    const problem = dingTalkShapeProblem(r.body);
    if (problem) return reply(40035, `缺少参数 ${problem}`);
    if (failures > 0) {
      failures--;
      return reply(130101, "send too fast, exceed 20 times per minute");
    }
    return reply(0, "ok");
  });
}

const WECOM_LIMITS: Record<string, number> = { text: 2048, markdown: 4096 };

export async function startWeComRobot(options: { key: string }) {
  return startHttpReceiver((r) => {
    const url = new URL(r.path, "http://robot");
    if (url.pathname !== "/cgi-bin/webhook/send" || url.searchParams.get("key") !== options.key) return reply(93000, "invalid webhook url");
    const content = r.body[r.body.msgtype]?.content;
    if (!(r.body.msgtype in WECOM_LIMITS) || typeof content !== "string") return reply(40008, "invalid message type");
    if (Buffer.byteLength(content) > WECOM_LIMITS[r.body.msgtype]) return reply(40058, "content exceed max length");
    return reply(0, "ok");
  });
}
