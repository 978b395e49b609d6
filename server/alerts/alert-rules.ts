import fs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { withoutYamlDebugSwitch } from "@/server/config/env";
import { ALERT_METRICS } from "./alert-metrics";
import { ConditionError, parseCondition, type Condition } from "./condition";
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
  /** Extra webhook URLs for this rule, besides ALERT_WEBHOOK_URLS. */
  webhooks: string[];
}

/** The rules file is wrong: `message` lists every problem, one per line, each naming file and rule. */
export class AlertConfigError extends Error {}

const ruleSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "must be 1-100 letters, digits, _ . or -"),
  condition: z.string().min(1, "is empty"),
  message: z.string().min(1, "is empty"),
  actions: z
    .array(z.enum(ALERT_ACTIONS, { error: (i) => `unknown action ${JSON.stringify(i.input)}; known actions: ${ALERT_ACTIONS.join(", ")}` }))
    .min(1, "must list at least one action")
    .refine((a) => new Set(a).size === a.length, "lists an action twice"),
  cooldown_minutes: z.number().int().min(1).max(10_080).default(DEFAULT_COOLDOWN_MINUTES),
  webhooks: z.array(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" })).default([]),
});

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
    throw new AlertConfigError(`${file}: cannot be read: ${(err as Error).message}`);
  }
  return parseAlertRules(text, file);
}

export function parseAlertRules(text: string, file: string): AlertRule[] {
  const doc = withoutYamlDebugSwitch(() => parseDocument(text));
  if (doc.errors.length) {
    throw new AlertConfigError(doc.errors.map((e) => `${file}: invalid YAML: ${e.message.split(":\n")[0]}`).join("\n"));
  }
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return [];
  if (typeof root !== "object" || Array.isArray(root) || Object.keys(root).some((k) => k !== "alerts")) {
    throw new AlertConfigError(`${file}: must be a mapping with one key, "alerts", holding a list of rules`);
  }
  const list = (root as { alerts?: unknown }).alerts ?? [];
  if (!Array.isArray(list)) throw new AlertConfigError(`${file}: "alerts" must be a list of rules`);

  const problems: string[] = [];
  const rules: AlertRule[] = [];
  const seen = new Set<string>();
  list.forEach((raw, index) => {
    const name = typeof raw?.name === "string" ? raw.name : undefined;
    const where = `${file}: alert #${index + 1}${name ? ` "${name}"` : ""}`;
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${where}: ${describeIssue(issue)}`);
    if (name !== undefined && seen.has(name)) problems.push(`${where}: duplicate name "${name}" (names must be unique)`);
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
        problems.push(`${where}: message: unknown placeholder {{ ${p} }}; known: ${ALERT_METRICS.join(", ")}`);
      }
    }
    if (parsed.success && condition) {
      const r = parsed.data;
      rules.push({
        name: r.name,
        condition,
        conditionText: r.condition,
        message: r.message,
        actions: r.actions,
        cooldownMinutes: r.cooldown_minutes,
        webhooks: r.webhooks,
      });
    }
  });
  if (problems.length) throw new AlertConfigError(problems.join("\n"));
  return rules;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "invalid_type" && issue.input === undefined) return `missing ${field}`;
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")} (known: ${Object.keys(ruleSchema.shape).join(", ")})`;
  if (issue.code === "invalid_type" && !field) return "must be a mapping with name, condition, message and actions";
  return `${field ? `${field} ` : ""}${issue.message}`;
}

/** ALERTS_FILE relative to the working directory (the project folder for `npm start` and the CLI). */
export const resolveAlertsFile = (file: string) => path.resolve(file);
