import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describeIssue } from "../config-issue";
import { expandVariables } from "./config-variables";
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
export const NAME_RULE = "must be 1-100 letters, digits, _ . or -";

const oneOf = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: (i) => `unknown ${what} ${JSON.stringify(i.input)}; known: ${values.join(", ")}` });
const text = z.string().min(1, "is empty");
// Never quotes the value: it may hold a key.
const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const mobiles = z.array(z.string().regex(/^\+?[0-9][0-9-]{4,19}$/, "must be mobile numbers")).default([]);
const language = oneOf(NOTIFICATION_LANGUAGES, "language").default("zh-CN");
const base = { name: z.string().regex(NAME_PATTERN, NAME_RULE), type: z.string() };
const robot = {
  ...base,
  url: httpUrl,
  format: oneOf(ROBOT_FORMATS, "format").default("markdown"),
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
      "at_mobiles and at_all need format: text (WeCom's markdown messages cannot @ people)",
    ),
  email: z
    .strictObject({
      ...base,
      host: text,
      port: z.number().int().min(1).max(65535).optional(),
      tls: oneOf(SMTP_TLS_MODES, "tls mode").default("starttls"),
      ca_file: text.optional(),
      username: text.optional(),
      password: text.optional(),
      from: text.refine((v) => v.includes("@"), 'must be an e-mail address, e.g. "EasySight <alert@example.com>"'),
      to: z.array(z.email({ error: "must be e-mail addresses" })).min(1, "must list at least one address"),
      language,
    })
    .refine((c) => !c.username === !c.password, "username and password go together (give both, or neither for a relay without login)"),
} satisfies Record<ChannelType, z.ZodType>;

const DEFAULT_SMTP_PORT: Record<SmtpTlsMode, number> = { implicit: 465, starttls: 587, none: 25 };

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
    if (name !== undefined && seen.has(name)) report(`duplicate name "${name}" (channel names must be unique)`);
    if (name !== undefined) seen.add(name);
    if (raw === null || typeof raw !== "object" || Array.isArray(raw))
      return report("must be a mapping with name, type and the type's fields");
    const type = (raw as { type?: unknown }).type;
    if (type === undefined) return report(`missing type (one of ${CHANNEL_TYPES.join(", ")})`);
    if (!CHANNEL_TYPES.includes(type as ChannelType))
      return report(`unknown type ${JSON.stringify(type)}; known types: ${CHANNEL_TYPES.join(", ")}`);
    const schema = SCHEMAS[type as ChannelType];
    const expanded = expandVariables(raw as Record<string, unknown>);
    for (const m of expanded.missing) report(`${m.field}: environment variable ${m.variable} is not set`);
    const parsed = schema.safeParse(expanded.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) report(describeIssue(issue, Object.keys(schema.shape), "name, type and the type's fields"));
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
          report(`ca_file: cannot read ${caFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
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
