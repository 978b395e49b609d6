import "server-only";
import type { Command } from "commander";
import { env } from "@/server/config/env";
import { AlertConfigError, loadAlertRules, resolveAlertsFile, type AlertRule } from "@/server/alerts/alert-rules";
import { describeTarget, redactUrl } from "@/server/alerts/channels/mask-secrets";
import { recipientsOf } from "@/server/alerts/recipients";
import { sendTestNotification } from "@/server/alerts/send-test-notification";
import { action, printJson, printTable } from "../run-command";

export function registerAlertCommands(program: Command) {
  const alerts = program.command("alerts").description("alert rules and notification channels (ALERTS_FILE)");

  alerts
    .command("check")
    .description("validate an alert rules file; exits non-zero with every problem if it is invalid or missing")
    .option("--file <path>", "the file to check (default: ALERTS_FILE)", env.ALERTS_FILE)
    .option("--json", "print the rules as JSON (channel secrets masked)")
    .action(
      action(
        async (opts: { file: string; json?: boolean }) => {
          const rules = readRules(opts.file);
          if (!rules) return 1;
          // What each rule notifies, ALERT_WEBHOOK_URLS included, as it may be shown: no secrets.
          const notified = (r: AlertRule) =>
            r.actions.includes("send_notification")
              ? recipientsOf(r, env.ALERT_WEBHOOK_URLS).map((c) => ({ name: c.name, type: c.type, target: describeTarget(c) }))
              : [];
          if (opts.json) {
            return printJson(
              rules.map((rule) => {
                const { condition: _parsed, channels: _unmasked, webhooks, ...r } = rule;
                return { ...r, channels: notified(rule), webhooks: webhooks.map(redactUrl) };
              }),
            );
          }
          process.stdout.write(`${resolveAlertsFile(opts.file)}: ${rules.length} rule(s) OK\n`);
          for (const r of rules) {
            process.stdout.write(`  ${r.name}: when ${r.conditionText} -> ${r.actions.join(", ")} (cool-down ${r.cooldownMinutes} min)\n`);
            for (const c of notified(r)) process.stdout.write(`    ${c.name} (${c.type}): ${c.target}\n`);
          }
        },
        { database: false },
      ),
    );

  alerts
    .command("test")
    .description("send one test notification through a rule's channels and print each one's outcome; exits non-zero if any failed")
    .argument("<rule>", "the rule's name")
    .option("--file <path>", "the rules file (default: ALERTS_FILE)", env.ALERTS_FILE)
    .action(
      action(
        async (name: string, opts: { file: string }) => {
          const rules = readRules(opts.file);
          if (!rules) return 1;
          const rule = rules.find((r) => r.name === name);
          if (!rule)
            throw new Error(
              `${resolveAlertsFile(opts.file)} 中没有名为 "${name}" 的规则 (no rule named "${name}" in ${resolveAlertsFile(opts.file)}; rules: ${rules.map((r) => r.name).join(", ") || "none"}).`,
            );
          if (!rule.actions.includes("send_notification"))
            throw new Error(
              `规则 "${name}" 不发送通知：它的 actions 中没有 send_notification (rule "${name}" does not notify: its actions have no send_notification).`,
            );
          const deliveries = await sendTestNotification(rule, env.ALERT_WEBHOOK_URLS);
          if (deliveries.length === 0) {
            throw new Error(
              `规则 "${name}" 没有可通知的渠道：请在规则中列出 channels、给它 webhooks，或设置 ALERT_WEBHOOK_URLS (rule "${name}" has no channel to notify: name channels in the rule, give it webhooks, or set ALERT_WEBHOOK_URLS).`,
            );
          }
          printTable(
            deliveries.map((d) => ({
              result: d.state === "sent" ? "ok" : "FAILED",
              channel: d.channel,
              type: d.type,
              target: d.target,
              error: d.error,
            })),
          );
          const failed = deliveries.filter((d) => d.state !== "sent").length;
          process.stdout.write(
            failed ? `${failed} of ${deliveries.length} channel(s) failed\n` : `all ${deliveries.length} channel(s) OK\n`,
          );
          return failed ? 1 : 0;
        },
        { database: false },
      ),
    );
}

/** The rules of `file`, or null after printing why there are none (every problem, or that it is missing). */
function readRules(file: string): AlertRule[] | null {
  const path = resolveAlertsFile(file);
  try {
    const rules = loadAlertRules(path);
    if (rules === null)
      process.stderr.write(
        `${path} 不存在，用它启动的服务器不会评估任何告警 (${path} does not exist: a server started with it would evaluate no alerts).\n`,
      );
    return rules;
  } catch (err) {
    if (!(err instanceof AlertConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return null;
  }
}
