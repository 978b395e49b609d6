import { badRequest } from "@/server/errors";

/**
 * Parameters of the status-check and recovery endpoints, from the query string and (recovery) a
 * JSON body. Strict on purpose: a wrong value, a repeated or unknown name is a 400 that says what
 * is wrong, never a silent default (a typo in `force_reset` must not run a different recovery).
 */
export interface RecoveryParams {
  maxRuntimeMinutes?: number;
  forceReset: boolean;
}

const MAX_RUNTIME_LIMIT = 10_080; // one week

type Raw = Record<string, unknown>;

export async function readRecoveryParams(
  req: Request,
  allowed: Array<"max_runtime_minutes" | "force_reset">,
  withBody: boolean,
): Promise<RecoveryParams> {
  const merged: Raw = fromQuery(new URL(req.url).searchParams, allowed);
  if (withBody) {
    for (const [name, value] of Object.entries(await fromBody(req, allowed))) {
      if (name in merged && String(merged[name]) !== String(value)) {
        throw badRequest(`参数 ${name} 在查询字符串和请求体中的值不一致 (${name} differs between the query string and the body).`);
      }
      merged[name] = value;
    }
  }
  return {
    maxRuntimeMinutes: merged.max_runtime_minutes === undefined ? undefined : maxRuntime(merged.max_runtime_minutes),
    forceReset: merged.force_reset === undefined ? false : bool(merged.force_reset),
  };
}

function fromQuery(params: URLSearchParams, allowed: string[]): Raw {
  const out: Raw = {};
  for (const name of new Set(params.keys())) {
    if (!allowed.includes(name)) throw unknownParam(name, allowed);
    const values = params.getAll(name);
    if (values.length > 1) throw badRequest(`参数 ${name} 只能给出一次 (${name} was given ${values.length} times).`);
    out[name] = values[0];
  }
  return out;
}

async function fromBody(req: Request, allowed: string[]): Promise<Raw> {
  const text = await req.text();
  if (!text.trim()) return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest("请求体不是有效的 JSON (the request body is not valid JSON).");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw badRequest('请求体必须是 JSON 对象，例如 {"force_reset": false} (the body must be a JSON object).');
  }
  for (const name of Object.keys(body)) if (!allowed.includes(name)) throw unknownParam(name, allowed);
  return body as Raw;
}

const unknownParam = (name: string, allowed: string[]) =>
  badRequest(
    `未知参数 ${JSON.stringify(name).slice(0, 80)}；可用参数：${allowed.join(", ")} (unknown parameter; accepted: ${allowed.join(", ")}).`,
  );

function maxRuntime(value: unknown): number {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > MAX_RUNTIME_LIMIT) {
    throw badRequest(
      `max_runtime_minutes 必须是 0 到 ${MAX_RUNTIME_LIMIT} 之间的正数（分钟），收到 ${JSON.stringify(value)?.slice(0, 40)} ` +
        `(max_runtime_minutes must be a positive number of minutes up to ${MAX_RUNTIME_LIMIT}).`,
    );
  }
  return n;
}

function bool(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const v = typeof value === "string" ? value.trim().toLowerCase() : "";
  if (v === "true" || v === "1") return true;
  if (v === "false" || v === "0") return false;
  throw badRequest(`force_reset 必须是 true 或 false，收到 ${JSON.stringify(value)?.slice(0, 40)} (force_reset must be true or false).`);
}
