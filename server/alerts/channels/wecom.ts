import "server-only";
import type { AlertNotification } from "../alert-notification";
import type { SendResult, WeComChannel } from "./channel";
import { markdownText, plainText } from "./notification-text";
import { byErrcode, postJson } from "./post-json";

/** 45009: the robot's rate limit (20 messages a minute); -1: WeCom is busy. */
const RETRYABLE_ERRCODES = [45009, -1];

/** WeCom refuses longer content: text up to 2048 bytes, markdown up to 4096 (UTF-8). */
const MAX_BYTES = { text: 2048, markdown: 4096 } as const;

/**
 * A WeCom group robot message (msgtype markdown or text). Only text messages can @ people by
 * mobile number (the rules file refuses at_mobiles with markdown); "@all" mentions everyone.
 */
export function weComMessage(channel: WeComChannel, n: AlertNotification) {
  if (channel.format === "text") {
    const mentioned_mobile_list = [...channel.atMobiles, ...(channel.atAll ? ["@all"] : [])];
    return { msgtype: "text", text: { content: fitBytes(plainText(n, channel.language), MAX_BYTES.text), mentioned_mobile_list } };
  }
  return { msgtype: "markdown", markdown: { content: fitBytes(markdownText(n, channel.language), MAX_BYTES.markdown) } };
}

/** Cuts `text` to at most `max` UTF-8 bytes on a character boundary, marking the cut with "…". */
function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let out = "";
  let bytes = Buffer.byteLength("…");
  for (const ch of text) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return `${out}…`;
}

export const sendWeCom = (channel: WeComChannel, n: AlertNotification, timeoutMs: number): Promise<SendResult> =>
  postJson(channel.url, weComMessage(channel, n), timeoutMs, byErrcode("WeCom", RETRYABLE_ERRCODES));
