import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { isRunPhase, whereStoppedSentence } from "@/shared/run-progress";
import { auditFilterInput, auditOrder, auditWhere, toAuditViews, type AuditFilter, type AuditView } from "./list-audits";

export type ExportFormat = "csv" | "json";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["csv", "json"];

const BATCH = 1_000;

/** Export columns: the table's own column names, so a CSV lines up with `SELECT * FROM recovery_audits`. */
const COLUMNS: Array<[string, (a: AuditView) => string | number | Date | null]> = [
  ["id", (a) => a.id],
  ["task_id", (a) => a.taskId],
  ["task_name", (a) => a.taskName],
  ["recovered_at", (a) => a.recoveredAt],
  ["actor_type", (a) => a.actorType],
  ["actor_user_id", (a) => a.actorUserId],
  ["actor_token_id", (a) => a.actorTokenId],
  ["actor_label", (a) => a.actorLabel],
  ["mode", (a) => a.mode],
  ["reason_code", (a) => a.reasonCode],
  ["reason_text", (a) => a.reasonText],
  ["new_status", (a) => a.newStatus],
  ["prior_status", (a) => a.priorStatus],
  ["prior_owner_instance_id", (a) => a.priorOwnerInstanceId],
  ["prior_attempt", (a) => a.priorAttempt],
  ["prior_started_at", (a) => a.priorStartedAt],
  ["prior_heartbeat_at", (a) => a.priorHeartbeatAt],
  ["prior_last_run_time", (a) => a.priorLastRunTime],
  ["reason_runtime_limit", (a) => a.reasonRuntimeLimit],
  ["stopped_phase", (a) => a.stoppedPhase],
  ["stopped_camera_name", (a) => a.stoppedCameraName],
  ["stopped_index", (a) => a.stoppedIndex],
  ["stopped_total", (a) => a.stoppedTotal],
  ["stopped_waited_minutes", (a) => a.stoppedWaitedMinutes],
  // Not columns: the sentence a reader of the file wants ("在抓取「大门-04」画面时中断…"), and the
  // prior executor as people name it (host:pid) beside its instance id.
  ["stopped_where", (a) => stoppedWhere(a)],
  ["prior_owner", (a) => a.priorOwner],
];

function stoppedWhere(a: AuditView): string | null {
  if (!isRunPhase(a.stoppedPhase) || a.stoppedCameraName === null || a.stoppedIndex === null || a.stoppedTotal === null) return null;
  return whereStoppedSentence(
    { phase: a.stoppedPhase, cameraName: a.stoppedCameraName, index: a.stoppedIndex, total: a.stoppedTotal },
    a.stoppedWaitedMinutes ?? 0,
  );
}

/**
 * The matching audit rows, newest first, as text chunks of one file (CSV or a JSON array). Rows are
 * read in batches by keyset (recovered_at, id), so memory stays flat however long the log is and
 * the caller can stream the chunks as they come. The first chunk (header plus first batch) is only
 * yielded once the first query has succeeded.
 */
export async function* exportAudits(filter: AuditFilter, format: ExportFormat): AsyncGenerator<string> {
  const where = auditWhere(auditFilterInput.parse(filter));
  const db = await getDb();
  let pending = format === "csv" ? "\uFEFF" + csvLine(COLUMNS.map(([name]) => name)) : "[";
  let after: { recoveredAt: Date; id: bigint } | undefined;
  let count = 0;
  for (;;) {
    const rows = await db.recoveryAudit.findMany({
      where: after ? { AND: [where, olderThan(after)] } : where,
      orderBy: auditOrder,
      take: BATCH,
    });
    const lines = (await toAuditViews(rows)).map((a) =>
      format === "csv" ? csvLine(COLUMNS.map(([, get]) => csvCell(get(a)))) : `${count++ ? "," : ""}\n${JSON.stringify(jsonRow(a))}`,
    );
    yield pending + lines.join("");
    pending = "";
    if (rows.length < BATCH) break;
    const last = rows[rows.length - 1];
    after = { recoveredAt: last.recoveredAt, id: last.id };
  }
  if (format === "json") yield count ? "\n]\n" : "]\n";
}

const olderThan = (c: { recoveredAt: Date; id: bigint }): Prisma.RecoveryAuditWhereInput => ({
  OR: [{ recoveredAt: { lt: c.recoveredAt } }, { recoveredAt: c.recoveredAt, id: { lt: c.id } }],
});

const jsonRow = (a: AuditView) =>
  Object.fromEntries(
    COLUMNS.map(([name, get]) => {
      const v = get(a);
      return [name, v instanceof Date ? v.toISOString() : v];
    }),
  );

/** RFC 4180: CRLF line ends; a cell with a comma, quote or line break is quoted, quotes doubled. */
const csvLine = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",") + "\r\n";

function csvCell(value: string | number | Date | null): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number") return String(value);
  // Text that a spreadsheet would run as a formula (a task named "=HYPERLINK(...)") is prefixed
  // with an apostrophe: the export is opened in Excel by the people it is meant for (OWASP CSV injection).
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** recoveries-YYYYMMDD-HHmm.csv in the server's local time. */
export function exportFileName(format: ExportFormat, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `recoveries-${at.getFullYear()}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.${format}`;
}

export const EXPORT_CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};
