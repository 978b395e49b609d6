import "server-only";
import crypto from "node:crypto";
import type { AlertNotification } from "../alert-notification";
import type { DingTalkChannel, SendResult } from "./channel";
import { markdownText, notificationTitle, plainText } from "./notification-text";
import { byErrcode, postJson } from "./post-json";

/** 130101: more than 20 messages a minute (the robot's limit); -1: DingTalk is busy. */
const RETRYABLE_ERRCODES = [130101, -1];

/**
 * A DingTalk custom robot message (msgtype markdown or text). DingTalk highlights an @ only when the
 * mobile number also appears in the text, so the numbers are appended to it.
 */
export function dingTalkMessage(channel: DingTalkChannel, n: AlertNotification) {
  const mentions = channel.atMobiles.map((m) => `@${m}`).join(" ");
  const at = { atMobiles: channel.atMobiles, isAtAll: channel.atAll };
  if (channel.format === "text") {
    return { msgtype: "text", text: { content: [plainText(n, channel.language), mentions].filter(Boolean).join("\n") }, at };
  }
  const text = [markdownText(n, channel.language), mentions].filter(Boolean).join("\n\n");
  return { msgtype: "markdown", markdown: { title: notificationTitle(n, channel.language), text }, at };
}

/**
 * 加签: a robot with a secret accepts a message only with `timestamp` (ms, within an hour of
 * DingTalk's clock) and `sign` = base64(HMAC-SHA256(key = secret, "timestamp\nsecret")) in the URL;
 * URLSearchParams percent-encodes the base64 (+ / =) as DingTalk asks.
 */
export function signedUrl(url: string, secret: string, now = Date.now()): string {
  const timestamp = String(now);
  const sign = crypto.createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  const u = new URL(url);
  u.searchParams.set("timestamp", timestamp);
  u.searchParams.set("sign", sign);
  return u.toString();
}

export const sendDingTalk = (channel: DingTalkChannel, n: AlertNotification, timeoutMs: number): Promise<SendResult> =>
  postJson(
    channel.secret ? signedUrl(channel.url, channel.secret) : channel.url,
    dingTalkMessage(channel, n),
    timeoutMs,
    byErrcode("DingTalk", RETRYABLE_ERRCODES),
  );
