import "server-only";
import { performance } from "node:perf_hooks";
import { encodeJson } from "@/server/http/encode-json";
import { checkStuckTasks } from "./check-stuck-tasks";
import { toStatusCheckResponse } from "./api-shapes";

/** A status-check answer, encoded, with how long its parts took (sent as a Server-Timing header). */
export interface StatusCheckBody {
  body: Buffer<ArrayBuffer>;
  /** Milliseconds: judging (queries included), and building + encoding the JSON. */
  checkMs: number;
  encodeMs: number;
}

interface Slot {
  current?: Promise<StatusCheckBody>;
  next?: Promise<StatusCheckBody>;
}

const slots = new Map<string, Slot>();

/**
 * The status-check response body, shared by concurrent requests. Many monitors polling a server with
 * 10k running tasks would otherwise each judge every task and serialise megabytes of JSON. A request
 * never gets an answer computed before it arrived: if a check is already under way (it may have read
 * the database before this request came), the request waits for the next one, which everybody
 * arriving meanwhile shares. So at most one check runs and one waits, per parameter value.
 */
export function sharedStatusCheckBody(maxRuntimeMinutes: number | undefined): Promise<StatusCheckBody> {
  const key = String(maxRuntimeMinutes ?? "");
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = {}));
  const s = slot;
  const start = () => {
    const run = encodedCheck(maxRuntimeMinutes).finally(() => {
      if (s.current === run) s.current = undefined;
    });
    s.current = run;
    return run;
  };
  if (!s.current) return start();
  s.next ??= s.current
    .catch(() => undefined)
    .then(() => {
      s.next = undefined;
      return start();
    });
  return s.next;
}

async function encodedCheck(maxRuntimeMinutes: number | undefined): Promise<StatusCheckBody> {
  const t0 = performance.now();
  const check = await checkStuckTasks({ maxRuntimeMinutes });
  const t1 = performance.now();
  // Encoded once: every request that shares this check sends the same bytes.
  const body = encodeJson(toStatusCheckResponse(check));
  return { body, checkMs: t1 - t0, encodeMs: performance.now() - t1 };
}
