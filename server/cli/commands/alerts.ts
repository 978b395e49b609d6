import type { Command } from "commander";
import { env } from "@/server/config/env";
import { AlertConfigError, loadAlertRules, resolveAlertsFile } from "@/server/alerts/alert-rules";
import { action, printJson } from "../run-command";

export function registerAlertCommands(program: Command) {
  const alerts = program.command("alerts").description("alert rules (ALERTS_FILE)");

  alerts
    .command("check")
    .description("validate an alert rules file; exits non-zero with every problem if it is invalid or missing")
    .option("--file <path>", "the file to check (default: ALERTS_FILE)", env.ALERTS_FILE)
    .option("--json", "print the rules as JSON")
    .action(
      action(
        async (opts: { file: string; json?: boolean }) => {
          const file = resolveAlertsFile(opts.file);
          let rules;
          try {
            rules = loadAlertRules(file);
          } catch (err) {
            if (!(err instanceof AlertConfigError)) throw err;
            process.stderr.write(`${err.message}\n`);
            return 1;
          }
          if (rules === null) {
            process.stderr.write(`${file} does not exist (a server started with it would evaluate no alerts)\n`);
            return 1;
          }
          if (opts.json) return printJson(rules.map(({ condition: _parsed, ...r }) => r));
          process.stdout.write(`${file}: ${rules.length} rule(s) OK\n`);
          for (const r of rules) {
            process.stdout.write(`  ${r.name}: when ${r.conditionText} -> ${r.actions.join(", ")} (cool-down ${r.cooldownMinutes} min)\n`);
          }
        },
        { database: false },
      ),
    );
}
