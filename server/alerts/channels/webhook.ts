import "server-only";
import type { AlertNotification } from "../alert-notification";
import type { SendResult, WebhookChannel } from "./channel";
import { byHttpStatus, postJson } from "./post-json";

/** The generic webhook gets the notification itself as JSON; any 2xx answer means delivered. */
export const sendWebhook = (channel: WebhookChannel, n: AlertNotification, timeoutMs: number): Promise<SendResult> =>
  postJson(channel.url, n, timeoutMs, byHttpStatus);
