import { checkStuckTasks } from "./check-stuck-tasks";
import { toStatusCheckResponse } from "./api-shapes";

interface Slot {
  current?: Promise<Buffer<ArrayBuffer>>;
  next?: Promise<Buffer<ArrayBuffer>>;
}

const slots = new Map<string, Slot>();

/**
 * The status-check response body, shared by concurrent requests. Many monitors polling a server with
 * 10k running tasks would otherwise each judge every task and serialise megabytes of JSON. A request
 * never gets an answer computed before it arrived: if a check is already under way (it may have read
 * the database before this request came), the request waits for the next one, which everybody
 * arriving meanwhile shares. So at most one check runs and one waits, per parameter value.
 */
export function sharedStatusCheckBody(maxRuntimeMinutes: number | undefined): Promise<Buffer<ArrayBuffer>> {
  const key = String(maxRuntimeMinutes ?? "");
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = {}));
  const s = slot;
  const start = () => {
    const run = checkStuckTasks({ maxRuntimeMinutes })
      // Encoded once: every request that shares this check sends the same bytes.
      .then((check) => Buffer.from(JSON.stringify(toStatusCheckResponse(check))))
      .finally(() => {
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
