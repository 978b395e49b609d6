import "server-only";
import { badRequest } from "@/server/errors";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";
import { ACTOR_TYPES, RECOVERY_MODES, auditFilterInput, type AuditFilter } from "./list-audits";

/** The audit filters as text, from a query string or command-line options. */
export interface AuditFilterText {
  taskId?: string;
  q?: string;
  /** Each entry may itself be comma-separated: `mode=auto,bulk` or `mode=auto&mode=bulk`. */
  mode?: string[];
  actorType?: string[];
  from?: string;
  to?: string;
}

/** How the caller spells each filter (`task_id` in the REST API, `--task` in the CLI), for error sentences. */
export type FilterNames = Record<keyof AuditFilterText, string>;

/**
 * Text filters to a validated AuditFilter. Strict: a value that does not parse is a BAD_REQUEST
 * naming the parameter, never a silently ignored filter (an export that ignored `mode=atuo` would
 * quietly contain every row).
 */
export function parseAuditFilter(text: AuditFilterText, names: FilterNames): AuditFilter {
  const filter: AuditFilter = {
    taskId: text.taskId === undefined ? undefined : readParam(idTextSchema, text.taskId.trim(), names.taskId),
    q: text.q?.trim() || undefined,
    mode: oneOf(text.mode, RECOVERY_MODES, names.mode),
    actorType: oneOf(text.actorType, ACTOR_TYPES, names.actorType),
    from: text.from === undefined ? undefined : timestamp(text.from, names.from),
    to: text.to === undefined ? undefined : timestamp(text.to, names.to),
  };
  if (filter.from && filter.to && filter.from > filter.to) {
    throw badRequest(`${names.from} 晚于 ${names.to} (${names.from} is after ${names.to}).`);
  }
  if (filter.q && filter.q.length > 200) throw badRequest(`${names.q} 最长 200 个字符 (${names.q} is longer than 200 characters).`);
  return auditFilterInput.parse(filter);
}

function oneOf<T extends string>(values: string[] | undefined, allowed: readonly T[], name: string): T[] | undefined {
  const items = values
    ?.flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  if (!items?.length) return undefined;
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw badRequest(
        `${name} 的值 ${JSON.stringify(item.slice(0, 40))} 无效；可用值：${allowed.join(", ")} (unknown ${name}; accepted: ${allowed.join(", ")}).`,
      );
    }
  }
  return [...new Set(items as T[])];
}

/** ISO 8601: `2026-01-15`, `2026-01-15T08:00`, `2026-01-15T08:00:00+08:00`, ... (no zone: the server's). */
function timestamp(value: string, name: string): Date {
  const v = value.trim();
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v);
  // A date alone is midnight in the server's zone, like a time without a zone (JavaScript alone would make it UTC).
  const date = iso ? new Date(v.length === 10 ? `${v}T00:00` : v) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw badRequest(
      `${name} 必须是 ISO 8601 时间，例如 2026-01-15T08:00:00+08:00，收到 ${JSON.stringify(value.slice(0, 40))} (${name} must be an ISO 8601 time).`,
    );
  }
  return date;
}
