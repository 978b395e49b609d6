import "server-only";
import { env } from "@/server/config/env";
import { logger } from "@/server/logging/logger";
import { loadAlertRules, resolveAlertsFile, type AlertRule } from "./alert-rules";

// globalThis, not a module variable: Next.js loads instrumentation and route handlers as separate
// bundles, and both must see the rules this process validated at start.
const holder = globalThis as { __easysightAlertRules?: AlertRule[] };

/**
 * This process's alert rules from ALERTS_FILE, read and validated once. A missing file means no
 * alerts (said once in the log); an invalid one throws AlertConfigError.
 */
export function activeAlertRules(): AlertRule[] {
  if (!holder.__easysightAlertRules) {
    const file = resolveAlertsFile(env.ALERTS_FILE);
    const rules = loadAlertRules(file);
    if (rules === null) logger.info({ component: "alerts", file }, `no alert rules: ${file} does not exist`);
    else logger.info({ component: "alerts", file, rules: rules.map((r) => r.name) }, `loaded ${rules.length} alert rule(s) from ${file}`);
    holder.__easysightAlertRules = rules ?? [];
  }
  return holder.__easysightAlertRules;
}
