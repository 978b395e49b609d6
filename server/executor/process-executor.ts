import "server-only";
import { env } from "@/server/config/env";
import { Executor } from "./executor";
import type { InstanceKind } from "./instance-registry";

const holder = globalThis as { __easysightExecutor?: Executor };

/** This process's executor, if it runs one (kept on globalThis: one per process, across module copies). */
export const processExecutor = (): Executor | undefined => holder.__easysightExecutor;

export async function startProcessExecutor(kind: InstanceKind): Promise<Executor> {
  if (holder.__easysightExecutor) return holder.__easysightExecutor;
  const executor = new Executor({
    kind,
    concurrency: env.EXECUTOR_CONCURRENCY,
    pollMs: env.EXECUTOR_POLL_MS,
    heartbeatMs: env.EXECUTOR_HEARTBEAT_MS,
    stallMs: env.EXECUTOR_STALL_MS,
    shutdownGraceMs: env.EXECUTOR_SHUTDOWN_GRACE_MS,
  });
  holder.__easysightExecutor = executor;
  await executor.start();
  return executor;
}

export async function stopProcessExecutor(): Promise<void> {
  await holder.__easysightExecutor?.stop();
}
