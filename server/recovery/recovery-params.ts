import "server-only";
import { badRequest } from "@/server/errors";
import { readJsonObject } from "@/server/params/json-body";
import { forceResetTextSchema } from "@/server/params/force-reset";
import { maxRuntimeMinutesTextSchema } from "@/server/params/max-runtime";
import { checkParamNames, readParam } from "@/server/params/read-param";

/**
 * Parameters of the status-check and recovery endpoints, from the query string and (recovery) a
 * JSON body. Strict on purpose: a wrong value, a repeated or unknown name is a 400 that says what
 * is wrong, never a silent default (a typo in `force_reset` must not run a different recovery).
 */
export interface RecoveryParams {
  maxRuntimeMinutes?: number;
  forceReset: boolean;
}

type Raw = Record<string, unknown>;

export async function readRecoveryParams(
  req: Request,
  allowed: Array<"max_runtime_minutes" | "force_reset">,
  withBody: boolean,
): Promise<RecoveryParams> {
  const merged: Raw = fromQuery(new URL(req.url).searchParams, allowed);
  if (withBody) {
    for (const [name, value] of Object.entries(await readJsonObject(req, allowed, '{"force_reset": false}'))) {
      if (name in merged && String(merged[name]) !== String(value)) {
        throw badRequest(`参数 ${name} 在查询字符串和请求体中的值不一致 (${name} differs between the query string and the body).`);
      }
      merged[name] = value;
    }
  }
  return {
    maxRuntimeMinutes:
      merged.max_runtime_minutes === undefined
        ? undefined
        : readParam(maxRuntimeMinutesTextSchema, merged.max_runtime_minutes, "max_runtime_minutes"),
    forceReset: merged.force_reset === undefined ? false : readParam(forceResetTextSchema, merged.force_reset, "force_reset"),
  };
}

function fromQuery(params: URLSearchParams, allowed: string[]): Raw {
  checkParamNames(params, allowed);
  return Object.fromEntries(params.entries());
}
