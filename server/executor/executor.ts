import "server-only";
import os from "node:os";
import { logger } from "@/server/logging/logger";
import { executorName } from "@/shared/executor-name";
import { runNoteSentence, type RunNote } from "@/shared/run-note";
import { claimDueTasks, type ClaimedRun } from "./claim-tasks";
import { beatRuns, releaseRun } from "./fenced-writes";
import { beatInstance, markInstanceStopped, registerInstance, type InstanceKind } from "./instance-registry";
import { RunAborted, type RunAbortReason } from "./run-abort";
import { runTask, type RunHandle } from "./run-task";
import { sleep, Waker } from "./sleep";

export interface ExecutorOptions {
  kind: InstanceKind;
  concurrency: number;
  pollMs: number;
  heartbeatMs: number;
  /** A run that makes no progress for this long is hung: it is aborted and no longer heartbeated. */
  stallMs: number;
  shutdownGraceMs: number;
}

interface ActiveRun extends RunHandle {
  done: Promise<void>;
}

/**
 * One per process. Claims due tasks from the database, runs them, heartbeats itself and its runs.
 * The running set below is this process's cache of what it is doing; the database (leases,
 * heartbeats, attempts) is what every process, this one included, trusts.
 */
export class Executor {
  readonly running = new Map<number, ActiveRun>();
  private instance: string | undefined;
  private stopping = false;
  private readonly claimWaker = new Waker();
  private readonly beatWaker = new Waker();
  private loops: Promise<unknown> | undefined;
  /** This process as people name it (host:pid): in every log line, the shutdown note and the console. */
  private readonly name = executorName({ host: os.hostname(), pid: process.pid });
  private readonly log = logger.child({ component: "executor", executor: this.name });

  constructor(readonly options: ExecutorOptions) {}

  get instanceId(): string | undefined {
    return this.instance;
  }

  async start(): Promise<void> {
    this.instance = await registerInstance(this.options.kind, this.options.heartbeatMs);
    this.log.info({ instanceId: this.instance, ...this.options }, `executor ${this.name} started`);
    this.loops = Promise.all([this.claimLoop(), this.heartbeatLoop()]);
  }

  /** Does this process hold a live run of exactly this attempt? */
  holds(taskId: number, attempt: number): boolean {
    const run = this.running.get(taskId);
    return !!run && run.lease.attempt === attempt && !run.controller.signal.aborted;
  }

  /** Aborts a run in hand (force reset). Returns whether there was one. */
  abort(taskId: number, reason: RunAbortReason, message: string): boolean {
    const run = this.running.get(taskId);
    if (!run || run.controller.signal.aborted) return false;
    run.controller.abort(new RunAborted(reason, message));
    return true;
  }

  /** Stop claiming, let runs finish for the grace period, release the rest to pending, sign off. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.claimWaker.wake();
    this.beatWaker.wake();
    await Promise.race([this.allDone(), sleep(this.options.shutdownGraceMs)]);
    const released: RunNote = { code: "released", executor: this.name };
    for (const run of this.running.values()) {
      run.controller.abort(new RunAborted("shutdown", runNoteSentence(released)));
      if (await releaseRun(run.lease, released).catch(() => false))
        this.log.info({ taskId: run.lease.taskId }, "released to pending at shutdown");
    }
    await Promise.race([this.allDone(), sleep(2_000)]);
    await this.loops;
    if (this.instance)
      await markInstanceStopped(this.instance).catch((err) => this.log.error({ err }, "could not mark the instance stopped"));
    this.log.info("executor stopped");
  }

  private allDone() {
    return Promise.allSettled([...this.running.values()].map((r) => r.done));
  }

  private async claimLoop() {
    let failures = 0;
    while (!this.stopping) {
      try {
        const free = this.options.concurrency - this.running.size;
        if (free > 0 && this.instance) for (const claim of await claimDueTasks(this.instance, free)) this.startRun(claim);
        failures = 0;
      } catch (err) {
        failures++;
        this.log.error({ err }, "claiming due tasks failed");
      }
      // Back off on errors (database down) up to a minute, instead of hammering it.
      await this.claimWaker.sleep(failures ? Math.min(60_000, this.options.pollMs * 2 ** failures) : this.options.pollMs);
    }
  }

  private startRun(claim: ClaimedRun) {
    const controller = new AbortController();
    const run: ActiveRun = {
      lease: { taskId: claim.taskId, attempt: claim.attempt, instanceId: this.instance!, runId: claim.runId },
      controller,
      startedAt: claim.startedAt,
      startedPerf: performance.now(),
      progressAt: performance.now(),
      maxRuntimeMinutes: claim.maxRuntimeMinutes,
      progress: null,
      done: Promise.resolve(),
    };
    // We only get to claim a task we are still running if our attempt was reset meanwhile: that
    // older run is superseded, so stop it now rather than when its next write is refused.
    this.running.get(claim.taskId)?.controller.abort(new RunAborted("superseded", "task claimed again"));
    this.running.set(claim.taskId, run);
    run.done = runTask(run).finally(() => {
      if (this.running.get(claim.taskId) === run) this.running.delete(claim.taskId);
      this.claimWaker.wake();
    });
  }

  private async heartbeatLoop() {
    while (!this.stopping) {
      await this.beatWaker.sleep(this.options.heartbeatMs);
      if (this.stopping) break;
      await this.beat().catch((err) => this.log.error({ err }, "heartbeat failed"));
    }
  }

  /**
   * One heartbeat: the instance, then every live run. A run whose lease is gone is aborted (it was
   * reset or taken over); a run past its max runtime, by the database's clock, is aborted and fails.
   */
  async beat(): Promise<void> {
    if (!this.instance) return;
    if (!(await beatInstance(this.instance))) {
      // Our row was marked stopped (we were presumed dead): carry on under a new identity.
      this.log.warn({ instanceId: this.instance }, "instance was marked stopped; registering again");
      this.instance = await registerInstance(this.options.kind, this.options.heartbeatMs);
    }
    const now = performance.now();
    const live: ActiveRun[] = [];
    for (const run of this.running.values()) {
      if (run.controller.signal.aborted) continue;
      if (now - run.progressAt > this.options.stallMs) {
        run.controller.abort(new RunAborted("stalled", "no progress; heartbeat stopped"));
        this.log.warn({ taskId: run.lease.taskId }, "run stalled: no longer heartbeated, recovery will reset it");
      } else live.push(run);
    }
    const held = await beatRuns(
      this.instance,
      live.map((r) => ({ taskId: r.lease.taskId, attempt: r.lease.attempt, progress: r.progress })),
    );
    for (const run of live) {
      const runtimeSeconds = held.get(run.lease.taskId);
      if (runtimeSeconds === undefined) run.controller.abort(new RunAborted("superseded", "lease lost"));
      else if (runtimeSeconds > run.maxRuntimeMinutes * 60) {
        run.controller.abort(new RunAborted("max_runtime", `run exceeded ${run.maxRuntimeMinutes} min`));
      }
    }
  }
}
