import "server-only";
import type { Command } from "commander";
import { databaseUrl } from "@/server/db/client";
import { applyMigrations } from "@/server/db/migrate";
import { pruneHistory } from "@/server/retention/prune-history";
import { badRequest } from "@/server/errors";
import { action, printJson } from "../run-command";

export function registerDbCommands(program: Command) {
  const db = program.command("db").description("database maintenance");
  db.command("migrate")
    .description("apply pending migrations (servers also do this at start unless AUTO_MIGRATE=0)")
    .action(
      action(
        async () => {
          process.stdout.write(await applyMigrations(databaseUrl()));
        },
        { migrate: false },
      ),
    );

  db.command("prune")
    .description(
      "delete history older than N days: finished runs with their results, metric samples, alert events (never the recovery audit, a task's latest run or a running one)",
    )
    .requiredOption("--older-than-days <n>", "age in days (the dashboard charts show the last 7)")
    .option("--dry-run", "only count what would be deleted")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { olderThanDays: string; dryRun?: boolean; json?: boolean }) => {
        const days = Number(opts.olderThanDays);
        if (!/^\d+$/.test(opts.olderThanDays) || days < 1 || days > 36_500) {
          throw badRequest(
            `--older-than-days 必须是 1 到 36500 之间的整数天数，而不是 "${opts.olderThanDays}" (--older-than-days must be a whole number of days from 1 to 36500, not "${opts.olderThanDays}").`,
          );
        }
        const pruned = await pruneHistory({ olderThanDays: days, dryRun: opts.dryRun });
        if (opts.json) return printJson({ ...pruned, dryRun: !!opts.dryRun });
        const verb = opts.dryRun ? "would delete" : "deleted";
        process.stdout.write(
          `${verb}, older than ${pruned.cutoff.toISOString()}: ${pruned.runs} runs with ${pruned.results} results, ` +
            `${pruned.metricSamples} metric samples, ${pruned.alertEvents} alert events\n`,
        );
      }),
    );
}
