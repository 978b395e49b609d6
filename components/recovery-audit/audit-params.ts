import type { MessageKey } from "@/components/i18n/messages";
import { parsePositiveId } from "@/shared/positive-id";
import { pageFromParams, type Params } from "@/components/cameras/camera-list-params";
import type { AuditFilter, ListAuditsInput } from "@/server/recovery/audit/list-audits";
import type { RecoveryActor, RecoveryMode } from "@/server/recovery/recovery-actor";

type ActorType = RecoveryActor["type"];

// Records over the server's own union types: adding a mode or actor type there is a type error here
// until it has a label. (The lists are not imported as values: their module reads the database.)
export const MODE_LABELS: Record<RecoveryMode, MessageKey> = {
  manual: "recoveries.mode.manual",
  bulk: "recoveries.mode.bulk",
  force: "recoveries.mode.force",
  auto: "recoveries.mode.auto",
  cli: "recoveries.mode.cli",
};
export const ACTOR_LABELS: Record<ActorType, MessageKey> = {
  user: "recoveries.actor.user",
  token: "recoveries.actor.token",
  watchdog: "recoveries.actor.watchdog",
  cli: "recoveries.actor.cli",
};
const MODES = Object.keys(MODE_LABELS) as RecoveryMode[];
const ACTORS = Object.keys(ACTOR_LABELS) as ActorType[];

export const AUDIT_PAGE_SIZE = 50;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The filters as the URL spells them: ?task=12|lobby&mode=auto&actor=watchdog&from=2026-11-01&to=2026-11-28&page=2. */
export interface AuditUrlFilters {
  task: string;
  mode: RecoveryMode | "";
  actor: ActorType | "";
  from: string;
  to: string;
}

export function auditUrlFilters(params: Params): AuditUrlFilters {
  const day = (name: string) => (DAY.test(params.get(name) ?? "") ? params.get(name)! : "");
  return {
    task: params.get("task")?.trim().slice(0, 200) ?? "",
    mode: MODES.find((m) => m === params.get("mode")) ?? "",
    actor: ACTORS.find((a) => a === params.get("actor")) ?? "",
    from: day("from"),
    to: day("to"),
  };
}

/** A day from a date input as the start of that day in the reader's time zone; `end`: the last millisecond of it. */
function localDay(text: string, end: boolean): Date | undefined {
  const m = DAY.exec(text);
  if (!m) return undefined;
  const start = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return end ? new Date(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1).getTime() - 1) : start;
}

/**
 * The audit.list filter. A task filter of digits is a task id, anything else part of a name. The
 * days are the reader's own (their time zone), so only the browser can turn them into instants:
 * `hasDays` tells the server page not to prefetch a query the browser would ask differently.
 */
export function auditFilter(f: AuditUrlFilters): AuditFilter {
  const taskId = parsePositiveId(f.task) ?? undefined;
  return {
    ...(taskId ? { taskId } : f.task ? { q: f.task } : {}),
    ...(f.mode ? { mode: [f.mode] } : {}),
    ...(f.actor ? { actorType: [f.actor] } : {}),
    ...(f.from ? { from: localDay(f.from, false) } : {}),
    ...(f.to ? { to: localDay(f.to, true) } : {}),
  };
}

export const hasDays = (f: AuditUrlFilters) => Boolean(f.from || f.to);

export function auditListInput(params: Params): ListAuditsInput {
  return { ...auditFilter(auditUrlFilters(params)), page: pageFromParams(params), pageSize: AUDIT_PAGE_SIZE };
}

/** The CSV export of exactly the rows the list shows (all pages), through the audit export endpoint. */
export function exportHref(f: AuditUrlFilters, format: "csv" | "json" = "csv"): string {
  const filter = auditFilter(f);
  const query = new URLSearchParams({ format });
  if (filter.taskId) query.set("task_id", String(filter.taskId));
  if (filter.q) query.set("q", filter.q);
  if (filter.mode) query.set("mode", filter.mode.join(","));
  if (filter.actorType) query.set("actor_type", filter.actorType.join(","));
  if (filter.from) query.set("from", filter.from.toISOString());
  if (filter.to) query.set("to", filter.to.toISOString());
  return `/api/diagnosis/recoveries/export?${query.toString()}`;
}
