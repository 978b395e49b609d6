import "server-only";
import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { withoutYamlDebugSwitch } from "@/server/config/env";
import { ALERT_METRICS } from "./alert-metrics";
import type { Channel } from "./channels/channel";
import { NAME_PATTERN, NAME_RULE, httpUrl, nameOf, oneOf, parseChannels, text } from "./channels/channel-config";
import { expandVariables, missingVariableSentence } from "./channels/config-variables";
import { ConditionError, parseCondition, type Condition } from "./condition";
import { describeIssue } from "./config-issue";
import { unknownPlaceholders } from "./message-template";

export const ALERT_ACTIONS = ["send_notification", "auto_recovery"] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];
export const DEFAULT_COOLDOWN_MINUTES = 30;

export interface AlertRule {
  name: string;
  condition: Condition;
  conditionText: string;
  message: string;
  actions: AlertAction[];
  cooldownMinutes: number;
  /** The named channels this rule notifies (send_notification), besides ALERT_WEBHOOK_URLS. */
  channels: Channel[];
  /** Extra webhook URLs for this rule, besides ALERT_WEBHOOK_URLS. */
  webhooks: string[];
}

/**
 * The rules file is wrong: `message` lists every problem, one per line, each naming file and rule
 * before a sentence in both languages, "中文 (english)." (the operator reads it at start-up).
 */
export class AlertConfigError extends Error {}

const ruleSchema = z.strictObject({
  name: z.string().regex(NAME_PATTERN, NAME_RULE),
  condition: text,
  message: text,
  actions: z
    .array(oneOf(ALERT_ACTIONS, ["动作", "action"]))
    .min(1, "至少要列出一个动作 (must list at least one action).")
    .refine((a) => new Set(a).size === a.length, "有重复的动作 (lists an action twice)."),
  cooldown_minutes: z.number().int().min(1).max(10_080).default(DEFAULT_COOLDOWN_MINUTES),
  channels: z
    .array(z.string())
    .default([])
    .refine((c) => new Set(c).size === c.length, "有重复的渠道 (lists a channel twice)."),
  webhooks: z.array(httpUrl).default([]),
});

/** What a rule must be, for the sentence about one that is not a mapping. */
const RULE_FIELDS = ["name、condition、message 和 actions", "name, condition, message and actions"] as const;

/**
 * Reads and validates the rules file. A missing file means no alerts (null); anything wrong in it
 * throws AlertConfigError listing every problem, so a process refuses to start rather than run
 * with alerts silently off.
 */
export function loadAlertRules(file: string): AlertRule[] | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new AlertConfigError(`${file}: 无法读取 (cannot be read: ${(err as Error).message}).`);
  }
  return parseAlertRules(text, file);
}

export function parseAlertRules(text: string, file: string): AlertRule[] {
  const doc = withoutYamlDebugSwitch(() => parseDocument(text));
  if (doc.errors.length) {
    throw new AlertConfigError(doc.errors.map((e) => `${file}: YAML 格式有误 (invalid YAML: ${e.message.split(":\n")[0]}).`).join("\n"));
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return [];
  if (typeof root !== "object" || Array.isArray(root) || Object.keys(root).some((k) => k !== "alerts" && k !== "channels")) {
    throw new AlertConfigError(
      `${file}: 必须是含 "alerts"（规则列表）和可选的 "channels"（通知渠道列表）的映射 (must be a mapping with the keys "alerts", a list of rules, and optionally "channels", a list of notification channels).`,
    );
  }
  const { alerts: list = [], channels: channelList = [] } = root as { alerts?: unknown; channels?: unknown };
  if (!Array.isArray(list)) throw new AlertConfigError(`${file}: "alerts" 必须是规则列表 ("alerts" must be a list of rules).`);
  if (!Array.isArray(channelList))
    throw new AlertConfigError(`${file}: "channels" 必须是通知渠道列表 ("channels" must be a list of notification channels).`);

  const { channels, problems: channelProblems } = parseChannels(channelList, file);
  const problems = channelProblems.map((p) => `${file}: ${p}`);
  const definedNames = channelList.map(nameOf).filter((n) => n !== undefined);
  const rules: AlertRule[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const name = nameOf(raw);
    const where = `${file}: alert #${index + 1}${name ? ` "${name}"` : ""}`;
    // A rule's own webhook URLs may hold a key too, so they take ${NAME} like a channel's values.
    const webhooks = expandVariables({ webhooks: raw?.webhooks });
    for (const m of webhooks.missing) problems.push(`${where}: ${missingVariableSentence(m)}`);
    const parsed = ruleSchema.safeParse(raw?.webhooks === undefined ? raw : { ...raw, ...webhooks.value }, { reportInput: true });
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        problems.push(`${where}: ${describeIssue(issue, Object.keys(ruleSchema.shape), RULE_FIELDS)}`);
    if (name !== undefined && seen.has(name))
      problems.push(`${where}: 名称 "${name}" 重复，名称必须唯一 (duplicate name "${name}"; names must be unique).`);
    if (name !== undefined) seen.add(name);
    let condition: Condition | undefined;
    if (typeof raw?.condition === "string" && raw.condition) {
      try {
        condition = parseCondition(raw.condition, ALERT_METRICS);
      } catch (err) {
        if (!(err instanceof ConditionError)) throw err;
        problems.push(`${where}: condition "${raw.condition}": ${err.message}`);
      }
    }
    if (typeof raw?.message === "string") {
      for (const p of unknownPlaceholders(raw.message, ALERT_METRICS)) {
        const known = ALERT_METRICS.join(", ");
        problems.push(`${where}: message: 未知的占位符 {{ ${p} }}，可用的有：${known} (unknown placeholder {{ ${p} }}; known: ${known}).`);
      }
    }
    if (!parsed.success) return;
    const r = parsed.data;
    for (const c of r.channels.filter((c) => !definedNames.includes(c))) {
      const [zh, en] = definedNames.length
        ? [`已定义的渠道：${definedNames.join(", ")}`, `defined: ${definedNames.join(", ")}`]
        : ['文件中没有 "channels" 列表', 'the file has no "channels" list'];
      problems.push(`${where}: channels: 没有名为 "${c}" 的渠道，${zh} (no channel named "${c}"; ${en}).`);
    }
    if ((r.channels.length || r.webhooks.length) && !r.actions.includes("send_notification")) {
      problems.push(
        `${where}: 只有 send_notification 动作才会通知 channels 和 webhooks，请把它加入 actions (channels and webhooks are notified only by the send_notification action; add it to actions).`,
      );
    }
    if (!condition) return;
    rules.push({
      name: r.name,
      condition,
      conditionText: r.condition,
      message: r.message,
      actions: r.actions,
      cooldownMinutes: r.cooldown_minutes,
      channels: r.channels.flatMap((c) => channels.get(c) ?? []),
      webhooks: r.webhooks,
    });
  });
  if (problems.length) throw new AlertConfigError(problems.join("\n"));
  return rules;
}

/** ALERTS_FILE relative to the working directory (the project folder for `npm start` and the CLI). */
export const resolveAlertsFile = (file: string) => path.resolve(file);
