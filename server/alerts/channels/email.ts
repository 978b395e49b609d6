import "server-only";
import nodemailer, { type NodemailerError } from "nodemailer";
import type { AlertNotification } from "../alert-notification";
import { notSent, sent, type EmailChannel, type SendResult } from "./channel";
import { notificationTitle, plainText } from "./notification-text";

/** Node's codes for a certificate that does not verify (self-signed, unknown issuer, expired, wrong name). */
const CERTIFICATE_ERROR = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** The message an e-mail channel sends: the title and the rule's message as subject, the text as body. */
export function emailMessage(channel: EmailChannel, n: AlertNotification) {
  return {
    from: channel.from,
    to: channel.to,
    subject: `[${notificationTitle(n, channel.language)}] ${n.message}`,
    text: plainText(n, channel.language),
  };
}

/**
 * Sends one e-mail over a connection of its own (alerts are rare; a pool would only hold sockets).
 * Certificates are always verified, against the system's CAs plus `ca_file` when given. The whole
 * send, connection included, is cancelled after `timeoutMs`.
 */
export async function sendEmail(channel: EmailChannel, n: AlertNotification, timeoutMs: number): Promise<SendResult> {
  const transport = nodemailer.createTransport({
    host: channel.host,
    port: channel.port,
    secure: channel.tls === "implicit",
    requireTLS: channel.tls === "starttls",
    ignoreTLS: channel.tls === "none",
    auth: channel.username ? { user: channel.username, pass: channel.password } : undefined,
    tls: channel.ca ? { ca: [channel.ca] } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    socketCloseTimeout: 0,
  });
  try {
    const info = await transport.sendMail({ ...emailMessage(channel, n), signal: AbortSignal.timeout(timeoutMs) });
    const refused = info.rejected.map(String);
    // The server took the message for some recipients only: the others will never get it.
    if (refused.length)
      return notSent(`the server refused ${refused.length} of ${channel.to.length} recipients: ${refused.join(", ")}`, false);
    return sent(null);
  } catch (err) {
    const e = err as NodemailerError & { originalCode?: string };
    if (e.code === "EABORT") return notSent(`no answer within ${timeoutMs / 1000} s`, true);
    if (CERTIFICATE_ERROR.test(e.originalCode ?? "")) {
      return notSent(
        `the server's TLS certificate is not trusted (${e.message}); if your own CA signed it, give that CA as ca_file`,
        false,
      );
    }
    // A refused login, a certificate that does not verify or a server without STARTTLS stays so on
    // the next try; a dropped connection or a 4xx answer may not.
    const retryable =
      e.permanent === undefined ? !["EAUTH", "ENOAUTH", "ETLS", "ECONFIG", "EENVELOPE"].includes(e.code ?? "") : !e.permanent;
    return notSent(e.message, retryable, e.responseCode ?? null);
  } finally {
    transport.close();
  }
}
