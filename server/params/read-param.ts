import "server-only";
import type { z } from "zod";
import { badRequest } from "@/server/errors";

/**
 * One REST or command-line parameter through its schema: a value that does not fit is a 400 whose
 * sentence starts with the parameter's name as the caller spelt it (`task_id`, `--max-runtime-minutes`).
 */
export function readParam<S extends z.ZodType>(schema: S, value: unknown, name: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw badRequest(`${name}: ${parsed.error.issues[0]?.message ?? "无效的值 (invalid value)."}`);
}

/**
 * A query string's names: each must be `accepted`, and given once unless `repeatable`. Strict on
 * purpose, as everywhere in the API: a misspelt filter or flag must not be silently ignored.
 */
export function checkParamNames(params: URLSearchParams, accepted: readonly string[], repeatable: readonly string[] = []): void {
  for (const name of new Set(params.keys())) {
    if (!accepted.includes(name)) throw unknownParam(name, accepted);
    if (!repeatable.includes(name) && params.getAll(name).length > 1) {
      throw badRequest(`参数 ${name} 只能给出一次 (${name} was given more than once).`);
    }
  }
}

export const unknownParam = (name: string, accepted: readonly string[]) =>
  badRequest(
    `未知参数 ${JSON.stringify(name).slice(0, 80)}；可用参数：${accepted.join(", ")} (unknown parameter; accepted: ${accepted.join(", ")}).`,
  );
