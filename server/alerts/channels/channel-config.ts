import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describeIssue } from "../config-issue";
import { expandVariables, missingVariableSentence } from "./config-variables";
import {
  CHANNEL_TYPES,
  NOTIFICATION_LANGUAGES,
  ROBOT_FORMATS,
  SMTP_TLS_MODES,
  type Channel,
  type ChannelType,
  type SmtpTlsMode,
} from "./channel";

export const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,100}$/;
export const NAME_RULE = "必须是 1 到 100 个字母、数字、_、. 或 - (must be 1-100 letters, digits, _ . or -).";

/** One of `values`; `what` names the field in both languages, [中文, english]. */
export const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: readonly [string, string]) =>
  z.enum(values, {
    error: (i) => {
      const [given, known] = [JSON.stringify(i.input), values.join(", ")];
      return `未知的${what[0]} ${given}，可用的有：${known} (unknown ${what[1]} ${given}; known: ${known}).`;
    },
  });
export const text = z.string().min(1, "不能为空 (must not be empty).");
// Never quotes the value: it may hold a key.
export const httpUrl = z.url({ protocol: /^https?$/, error: "必须是 http(s) 地址 (must be an http(s) URL)." });
const mobiles = z.array(z.string().regex(/^\+?[0-9][0-9-]{4,19}$/, "必须是手机号码 (must be mobile numbers).")).default([]);
const language = oneOf(NOTIFICATION_LANGUAGES, ["语言", "language"]).default("zh-CN");
const base = { name: z.string().regex(NAME_PATTERN, NAME_RULE), type: z.string() };
const robot = {
  ...base,
  url: httpUrl,
  format: oneOf(ROBOT_FORMATS, ["格式", "format"]).default("markdown"),
  language,
  at_mobiles: mobiles,
  at_all: z.boolean().default(false),
};

const SCHEMAS = {
  webhook: z.strictObject({ ...base, url: httpUrl }),
  dingtalk: z.strictObject({ ...robot, secret: text.optional() }),
  wecom: z
    .strictObject(robot)
    .refine(
      (c) => c.format === "text" || (c.at_mobiles.length === 0 && !c.at_all),
      "at_mobiles 和 at_all 需要 format: text，企业微信的 markdown 消息不能 @ 人 (at_mobiles and at_all need format: text; WeCom's markdown messages cannot @ people).",
    ),
  email: z
    .strictObject({
      ...base,
      host: text,
      port: z.number().int().min(1).max(65535).optional(),
      tls: oneOf(SMTP_TLS_MODES, ["TLS 模式", "tls mode"]).default("starttls"),
      ca_file: text.optional(),
      username: text.optional(),
      password: text.optional(),
      from: text.refine(
        (v) => v.includes("@"),
        '必须是电子邮件地址，例如 "EasySight <alert@example.com>" (must be an e-mail address, e.g. "EasySight <alert@example.com>").',
      ),
      to: z
        .array(z.email({ error: "必须是电子邮件地址 (must be e-mail addresses)." }))
        .min(1, "至少要列出一个地址 (must list at least one address)."),
      language,
    })
    .refine(
      (c) => !c.username === !c.password,
      "username 和 password 要一起给出，不需登录的中继两者都不给 (username and password go together: give both, or neither for a relay without login).",
    ),
} satisfies Record<ChannelType, z.ZodType>;

const DEFAULT_SMTP_PORT: Record<SmtpTlsMode, number> = { implicit: 465, starttls: 587, none: 25 };

/** What a channel must be, for the sentence about one that is not a mapping. */
const CHANNEL_FIELDS = ["name、type 及该类型的字段", "name, type and the type's fields"] as const;

/**
 * Reads the `channels:` list of the rules file. `${NAME}` in any value is replaced by that
 * environment variable, so secrets can stay out of the file. Returns the valid channels by name
 * and a sentence for every problem (the caller adds the file's name).
 */
export function parseChannels(list: unknown[], file: string): { channels: Map<string, Channel>; problems: string[] } {
  const channels = new Map<string, Channel>();
  const problems: string[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const name = nameOf(raw);
    const where = `channel #${index + 1}${name ? ` "${name}"` : ""}`;
    const report = (p: string) => problems.push(`${where}: ${p}`);
    if (name !== undefined && seen.has(name))
      report(`渠道名称 "${name}" 重复，渠道名称必须唯一 (duplicate name "${name}"; channel names must be unique).`);
    if (name !== undefined) seen.add(name);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw))
      return report(`必须是含 ${CHANNEL_FIELDS[0]} 的映射 (must be a mapping with ${CHANNEL_FIELDS[1]}).`);
    const type = (raw as { type?: unknown }).type;
    const types = CHANNEL_TYPES.join(", ");
    if (type === undefined) return report(`缺少 type，可选：${types} (missing type; one of ${types}).`);
    if (!CHANNEL_TYPES.includes(type as ChannelType))
      return report(
        `未知的类型 ${JSON.stringify(type)}，可用的类型：${types} (unknown type ${JSON.stringify(type)}; known types: ${types}).`,
      );
    const schema = SCHEMAS[type as ChannelType];
    const expanded = expandVariables(raw as Record<string, unknown>);
    for (const m of expanded.missing) report(missingVariableSentence(m));
    const parsed = schema.safeParse(expanded.value, { reportInput: true });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(describeIssue(issue, Object.keys(schema.shape), CHANNEL_FIELDS));
      return;
    }
    if (expanded.missing.length) return;
    const channel = toChannel(parsed.data as ParsedChannel, path.dirname(file), report);
    if (channel && name !== undefined) channels.set(name, channel);
  });
  return { channels, problems };
}

/** The `name` of a rule or channel as written, if it is a string (for problem sentences). */
export const nameOf = (raw: unknown): string | undefined =>
  raw !== null && typeof raw === "object" && typeof (raw as { name?: unknown }).name === "string"
    ? (raw as { name: string }).name
    : undefined;

type ParsedChannel = { [K in ChannelType]: z.infer<(typeof SCHEMAS)[K]> & { type: K } }[ChannelType];

function toChannel(c: ParsedChannel, folder: string, report: (p: string) => void): Channel | undefined {
  switch (c.type) {
    case "webhook":
      return { type: "webhook", name: c.name, url: c.url };
    case "dingtalk":
    case "wecom": {
      const common = { name: c.name, url: c.url, format: c.format, language: c.language, atMobiles: c.at_mobiles, atAll: c.at_all };
      return c.type === "dingtalk" ? { type: "dingtalk", ...common, secret: c.secret } : { type: "wecom", ...common };
    }
    case "email": {
      let ca: string | undefined;
      const caFile = c.ca_file && path.resolve(folder, c.ca_file);
      if (caFile) {
        try {
          ca = fs.readFileSync(caFile, "utf8");
        } catch (err) {
          const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
          report(`ca_file: 无法读取 ${caFile} (cannot read ${caFile}: ${why}).`);
          return undefined;
        }
      }
      return {
        type: "email",
        name: c.name,
        host: c.host,
        port: c.port ?? DEFAULT_SMTP_PORT[c.tls],
        tls: c.tls,
        ca,
        caFile,
        username: c.username,
        password: c.password,
        from: c.from,
        to: c.to,
        language: c.language,
      };
    }
  }
}
