import "server-only";

/** Resolves after `ms`, or as soon as `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** A wake-up call for a loop that sleeps between rounds: wake() ends the current sleep early. */
export class Waker {
  private controller = new AbortController();
  wake() {
    this.controller.abort();
  }
  sleep(ms: number) {
    if (this.controller.signal.aborted) this.controller = new AbortController();
    return sleep(ms, this.controller.signal);
  }
}
