import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Command } from "commander";
import { badRequest } from "@/server/errors";
import { parseAuditFilter, type FilterNames } from "@/server/recovery/audit/audit-filter-params";
import { EXPORT_FORMATS, exportAudits, type ExportFormat } from "@/server/recovery/audit/export-audits";
import { listAudits } from "@/server/recovery/audit/list-audits";
import { action, parsePositiveInt, printJson, printTable } from "../run-command";

interface FilterOptions {
  task?: string;
  q?: string;
  mode: string[];
  actorType: string[];
  from?: string;
  to?: string;
}

const NAMES: FilterNames = { taskId: "--task", q: "--q", mode: "--mode", actorType: "--actor-type", from: "--from", to: "--to" };
const collect = (value: string, previous: string[]) => [...previous, value];

function withFilterOptions(command: Command): Command {
  return command
    .option("--task <id>", "only this task id")
    .option("--q <text>", "task name contains (any case)")
    .option("--mode <mode>", "manual, bulk, force, auto or cli (repeat or comma-separate for several)", collect, [])
    .option("--actor-type <type>", "user, token, watchdog or cli (repeat or comma-separate)", collect, [])
    .option("--from <time>", "recovered at or after, ISO 8601 (e.g. 2026-01-15 or 2026-01-15T08:00+08:00)")
    .option("--to <time>", "recovered at or before, ISO 8601");
}

const filterFrom = (o: FilterOptions) =>
  parseAuditFilter({ taskId: o.task, q: o.q, mode: o.mode, actorType: o.actorType, from: o.from, to: o.to }, NAMES);

/** The recovery audit: read and export only (the product never changes or deletes audit rows). */
export function registerAuditCommands(program: Command) {
  const audit = program.command("audit").description("read and export the recovery audit (who reset which task, when, why)");

  withFilterOptions(audit.command("list").description("list audit rows, newest first"))
    .option("--page <n>", "page number", "1")
    .option("--page-size <n>", "rows per page (up to 200)", "50")
    .option("--json", "print JSON")
    .action(
      action(async (opts: FilterOptions & { page: string; pageSize: string; json?: boolean }) => {
        const page = await listAudits({
          ...filterFrom(opts),
          page: parsePositiveInt(opts.page, "--page"),
          pageSize: parsePositiveInt(opts.pageSize, "--page-size"),
        });
        if (opts.json) return printJson(page);
        printTable(
          page.items.map((a) => ({
            id: a.id,
            recovered_at: a.recoveredAt,
            task: `${a.taskId} ${a.taskName}`,
            mode: a.mode,
            // Neutral, like the export: the actor's type and label (a watchdog's label is its host:pid).
            actor_type: a.actorType,
            actor: a.actorLabel,
            reason: a.reasonText,
            prior_attempt: a.priorAttempt,
            new_status: a.newStatus,
          })),
        );
        const shown = page.items.length
          ? `${(page.page - 1) * page.pageSize + 1}-${(page.page - 1) * page.pageSize + page.items.length}`
          : "0";
        process.stderr.write(`${shown} of ${page.total}\n`);
      }),
    );

  withFilterOptions(audit.command("export").description("write the matching audit rows as CSV (UTF-8 with BOM, for Excel) or JSON"))
    .option("--format <format>", "csv or json", "csv")
    .option("--out <file>", "write to this file (default: standard output)")
    .action(
      action(async (opts: FilterOptions & { format: string; out?: string }) => {
        if (!EXPORT_FORMATS.includes(opts.format as ExportFormat))
          throw badRequest(`--format 必须是 csv 或 json，而不是 "${opts.format}" (--format must be csv or json, not "${opts.format}").`);
        const chunks = exportAudits(filterFrom(opts), opts.format as ExportFormat);
        if (!opts.out) return void (await pipeline(Readable.from(chunks), process.stdout, { end: false }));
        // Written beside the target and renamed at the end: a failed export never leaves a truncated file under the asked name.
        const partial = `${opts.out}.partial`;
        try {
          await pipeline(Readable.from(chunks), fs.createWriteStream(partial));
          fs.renameSync(partial, opts.out);
        } catch (err) {
          fs.rmSync(partial, { force: true });
          throw err;
        }
        process.stderr.write(`wrote ${opts.out}\n`);
      }),
    );
}
