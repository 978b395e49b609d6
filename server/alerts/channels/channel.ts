import "server-only";

/**
 * Where an alert notification goes. Channels are defined once, by name, in the rules file's
 * `channels:` list and named by the rules that notify them; ALERT_WEBHOOK_URLS and a rule's own
 * `webhooks:` become unnamed webhook channels.
 */
export const CHANNEL_TYPES = ["webhook", "dingtalk", "wecom", "email"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** The message formats of the DingTalk and WeCom group robots. */
export const ROBOT_FORMATS = ["markdown", "text"] as const;
export type RobotFormat = (typeof ROBOT_FORMATS)[number];

/** The language of the words a channel adds around the rule's message (title, labels). */
export const NOTIFICATION_LANGUAGES = ["zh-CN", "en"] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** implicit: TLS from the first byte (port 465); starttls: plain connection upgraded, refused if the server cannot; none: never encrypted. */
export const SMTP_TLS_MODES = ["implicit", "starttls", "none"] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

/** The generic webhook: the notification as JSON, the documented fields. */
export interface WebhookChannel {
  type: "webhook";
  name: string;
  url: string;
}

/** A DingTalk (钉钉) custom group robot; `secret` is its 加签 secret when the robot has one. */
export interface DingTalkChannel {
  type: "dingtalk";
  name: string;
  url: string;
  secret?: string;
  format: RobotFormat;
  language: NotificationLanguage;
  atMobiles: string[];
  atAll: boolean;
}

/** A WeCom (企业微信) group robot; its key is part of the URL. */
export interface WeComChannel {
  type: "wecom";
  name: string;
  url: string;
  format: RobotFormat;
  language: NotificationLanguage;
  atMobiles: string[];
  atAll: boolean;
}

export interface EmailChannel {
  type: "email";
  name: string;
  host: string;
  port: number;
  tls: SmtpTlsMode;
  /** PEM text of the CA file the server's certificate is checked against (besides the system's CAs). */
  ca?: string;
  caFile?: string;
  username?: string;
  password?: string;
  from: string;
  to: string[];
  language: NotificationLanguage;
}

export type Channel = WebhookChannel | DingTalkChannel | WeComChannel | EmailChannel;

/** One attempt's outcome. `retryable`: a later attempt may succeed (time-outs, 5xx, rate limits). */
export interface SendResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  retryable: boolean;
}

export const sent = (status: number | null): SendResult => ({ ok: true, status, error: null, retryable: false });
export const notSent = (error: string, retryable: boolean, status: number | null = null): SendResult => ({
  ok: false,
  status,
  error,
  retryable,
});
