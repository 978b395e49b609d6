import "server-only";
import type { Channel } from "./channel";

const MASK = "***";

/**
 * Webhook URLs often carry their secret (a DingTalk access_token, a WeCom key, a Slack path); logs,
 * alert_events and `alerts check` show only the host, the short path segments and the query's names.
 */
export function redactUrl(url: string): string {
  const u = new URL(url);
  const pathname = u.pathname
    .split("/")
    .map((s) => (s.length > 12 ? MASK : s))
    .join("/");
  const query = [...u.searchParams.keys()].map((k) => `${k}=${MASK}`).join("&");
  return `${u.origin}${pathname}${query ? `?${query}` : ""}`;
}

/** Where a channel sends, as it may be shown and logged: never a secret. */
export function describeTarget(channel: Channel): string {
  switch (channel.type) {
    case "webhook":
    case "wecom":
      return redactUrl(channel.url);
    case "dingtalk":
      return `${redactUrl(channel.url)}${channel.secret ? ` (signed, secret ${MASK})` : ""}`;
    case "email":
      return (
        `${channel.to.join(", ")} via ${channel.host}:${channel.port} (TLS ${channel.tls}` +
        `${channel.username ? `, user ${channel.username}, password ${MASK}` : ""}${channel.caFile ? `, CA ${channel.caFile}` : ""})`
      );
  }
}

/**
 * Every secret value a channel holds, also URL-encoded: the whole URL, its query values and long
 * path segments, the signing secret, the password.
 */
function secretsOf(channel: Channel): string[] {
  const values: string[] = [];
  if (channel.type !== "email") {
    const u = new URL(channel.url);
    values.push(channel.url, ...u.searchParams.values(), ...u.pathname.split("/").filter((s) => s.length > 12));
  }
  if (channel.type === "dingtalk" && channel.secret) values.push(channel.secret);
  if (channel.type === "email" && channel.password) values.push(channel.password);
  return values.flatMap((v) => [v, encodeURIComponent(v)]);
}

/**
 * Error texts come from elsewhere (a robot's errmsg, an SMTP server's answer, a network library)
 * and may quote what was sent; every secret of the channel is masked before a text is logged,
 * stored or printed. Longest first, so a URL is masked whole rather than piece by piece.
 */
export function scrubSecrets(text: string, channel: Channel): string {
  const secrets = [...new Set(secretsOf(channel))].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  return secrets.reduce((t, s) => t.split(s).join(MASK), text);
}
