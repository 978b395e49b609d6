import "server-only";
import { notSent, sent, type SendResult } from "./channel";

export interface HttpAnswer {
  status: number;
  body: string;
}

/** Answers worth another try: the receiver is overloaded, rate-limiting or briefly broken. */
const RETRYABLE_STATUS = (status: number) => status >= 500 || status === 408 || status === 429;

/** The generic judgement of an answer: 2xx is delivered, anything else is not. */
export const byHttpStatus = (answer: HttpAnswer): SendResult =>
  answer.status >= 200 && answer.status < 300
    ? sent(answer.status)
    : notSent(`HTTP ${answer.status}`, RETRYABLE_STATUS(answer.status), answer.status);

/**
 * POSTs `payload` as JSON and lets `judge` read the answer. Never throws: a refused connection, a
 * redirect (a webhook that redirects is misconfigured; following it could hand the body to another
 * host) or no answer within `timeoutMs` (the body included) is a failed, retryable send.
 */
export async function postJson(
  url: string,
  payload: unknown,
  timeoutMs: number,
  judge: (a: HttpAnswer) => SendResult,
): Promise<SendResult> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    return judge({ status: res.status, body: await res.text() });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    if (e.name === "TimeoutError") return notSent(`no answer within ${timeoutMs / 1000} s`, true);
    return notSent(e.cause?.code ?? e.cause?.message ?? e.message, true);
  }
}

/**
 * DingTalk and WeCom answer HTTP 200 also when they refuse a message; the verdict is the JSON
 * body's errcode (0: delivered). `retryableCodes` are their "too fast" and "busy" codes.
 */
export const byErrcode =
  (robot: string, retryableCodes: readonly number[]) =>
  (answer: HttpAnswer): SendResult => {
    const byStatus = byHttpStatus(answer);
    if (!byStatus.ok) return byStatus;
    let reply: { errcode?: unknown; errmsg?: unknown };
    try {
      reply = JSON.parse(answer.body);
    } catch {
      return notSent(`${robot} answered something that is not its JSON reply`, false, answer.status);
    }
    if (reply.errcode === 0) return sent(answer.status);
    return notSent(
      `${robot} errcode ${String(reply.errcode)}: ${String(reply.errmsg)}`,
      retryableCodes.includes(Number(reply.errcode)),
      answer.status,
    );
  };
