import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import { conflict, notFound, type AppError } from "@/server/errors";

const stateSelect = {
  status: true,
  isActive: true,
  scheduleType: true,
  intervalMinutes: true,
  cronExpression: true,
} satisfies Prisma.DiagnosisTaskSelect;
export type TaskState = Prisma.DiagnosisTaskGetPayload<{ select: typeof stateSelect }>;

/**
 * Locks a task row for the rest of the transaction and returns what edits derive next_run_time from.
 * FOR NO KEY UPDATE serializes concurrent edits (so the schedule and activation read here are the ones
 * stored) without blocking the executor's inserts of runs and results, which only take a key-share
 * lock on the task.
 */
export async function lockTask(tx: Prisma.TransactionClient, id: number): Promise<TaskState> {
  const locked = await tx.$queryRaw<unknown[]>`SELECT 1 FROM diagnosis_tasks WHERE id = ${id} FOR NO KEY UPDATE`;
  if (locked.length === 0) throw notFound(`任务 ${id} 不存在 (task ${id} does not exist).`);
  return tx.diagnosisTask.findUniqueOrThrow({ where: { id }, select: stateSelect });
}

/**
 * Why a conditional write to a task changed nothing, as the error to throw: the task is gone, running,
 * or (for writes that need it active) inactive. It is read after the fact, so it describes the task as
 * it is now.
 */
export async function whyUnchanged(id: number, sentences: { running: string; inactive?: string }): Promise<AppError> {
  const db = await getDb();
  const task = await db.diagnosisTask.findUnique({ where: { id }, select: stateSelect });
  if (!task) return notFound(`任务 ${id} 不存在 (task ${id} does not exist).`);
  if (task.status === "running") return conflict(sentences.running);
  if (!task.isActive && sentences.inactive) return conflict(sentences.inactive);
  return conflict(`任务 ${id} 同时被其他操作修改，请重试 (task ${id} changed at the same moment; try again).`);
}
