import "server-only";
import type { AlertNotification } from "../alert-notification";
import { notSent, type Channel, type ChannelType, type SendResult } from "./channel";
import { sendDingTalk } from "./dingtalk";
import { sendEmail } from "./email";
import { sendWebhook } from "./webhook";
import { sendWeCom } from "./wecom";

/** How long one attempt may take: an HTTP answer comes fast or not at all; SMTP has a handshake, TLS and a login. */
export const SEND_TIMEOUT_MS: Record<ChannelType, number> = { webhook: 5_000, dingtalk: 5_000, wecom: 5_000, email: 15_000 };

/** One attempt to deliver `n` through `channel`. Never throws. */
export async function sendToChannel(
  channel: Channel,
  n: AlertNotification,
  timeoutMs = SEND_TIMEOUT_MS[channel.type],
): Promise<SendResult> {
  try {
    switch (channel.type) {
      case "webhook":
        return await sendWebhook(channel, n, timeoutMs);
      case "dingtalk":
        return await sendDingTalk(channel, n, timeoutMs);
      case "wecom":
        return await sendWeCom(channel, n, timeoutMs);
      case "email":
        return await sendEmail(channel, n, timeoutMs);
    }
  } catch (err) {
    return notSent((err as Error).message, false);
  }
}
