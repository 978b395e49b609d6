import "server-only";
import { badRequest } from "@/server/errors";
import { checkParamNames } from "@/server/params/read-param";
import { parseAuditFilter, type FilterNames } from "./audit-filter-params";
import { EXPORT_FORMATS, type ExportFormat } from "./export-audits";
import type { AuditFilter } from "./list-audits";

const NAMES: FilterNames = { taskId: "task_id", q: "q", mode: "mode", actorType: "actor_type", from: "from", to: "to" };
const REPEATABLE = ["mode", "actor_type"];
const ACCEPTED = ["format", ...Object.values(NAMES)];

/**
 * The export's query string: format plus the audit filters. Unknown or repeated names are a 400,
 * as in the recovery endpoints (a misspelt filter must not export everything).
 */
export function readExportParams(params: URLSearchParams): { format: ExportFormat; filter: AuditFilter } {
  checkParamNames(params, ACCEPTED, REPEATABLE);
  const format = params.get("format") ?? "csv";
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw badRequest(`format 必须是 csv 或 json，收到 ${JSON.stringify(format.slice(0, 40))} (format must be csv or json).`);
  }
  const one = (name: string) => params.get(name) ?? undefined;
  const filter = parseAuditFilter(
    {
      taskId: one("task_id"),
      q: one("q"),
      mode: params.getAll("mode"),
      actorType: params.getAll("actor_type"),
      from: one("from"),
      to: one("to"),
    },
    NAMES,
  );
  return { format: format as ExportFormat, filter };
}
