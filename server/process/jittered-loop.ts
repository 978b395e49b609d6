import "server-only";
import { Waker } from "@/server/executor/sleep";
import { logger } from "@/server/logging/logger";

/**
 * Runs `round` about every `intervalMs` until stopped. The first round waits a random part of the
 * interval and every interval is jittered by ±10 %, so processes started together do not all fire at
 * the same moment. A round that throws is logged (with `failure`) and the loop goes on.
 */
export class JitteredLoop {
  private stopping = false;
  private readonly waker = new Waker();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: { component: string; intervalMs: number; failure: string; round: () => Promise<void> }) {}

  start() {
    this.loop = this.run();
  }

  async stop() {
    this.stopping = true;
    this.waker.wake();
    await this.loop;
  }

  private async run() {
    const { component, intervalMs, failure, round } = this.options;
    await this.waker.sleep(Math.random() * intervalMs);
    while (!this.stopping) {
      try {
        await round();
      } catch (err) {
        logger.error({ err, component }, failure);
      }
      await this.waker.sleep(intervalMs * (0.9 + Math.random() * 0.2));
    }
  }
}
