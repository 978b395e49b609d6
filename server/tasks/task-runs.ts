import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { idSchema } from "@/server/params/id";
import { pageFields } from "@/server/params/pagination";
import { asRunNote, type RunNote } from "@/shared/run-note";

export const taskRunsInput = z.strictObject({
  taskId: idSchema,
  ...pageFields(100, 20),
});
export type TaskRunsInput = z.input<typeof taskRunsInput>;

/** One attempt of a task as its history shows it. */
export interface TaskRunView {
  /** The BigInt id as a string (React keys). */
  id: string;
  attempt: number;
  executor: { host: string; pid: number; kind: string } | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Until the end, or until now for a run still open (by the database's clock). */
  durationSeconds: number;
  outcome: string;
  /** The run's note as a bilingual sentence (the API's form) ... */
  error: string | null;
  /** ... and coded, for the console to say in the reader's language (null for notes stored as text only). */
  note: RunNote | null;
}

export interface TaskRunPage {
  items: TaskRunView[];
  total: number;
  page: number;
  pageSize: number;
}

interface Row {
  id: bigint;
  attempt: number;
  host: string | null;
  pid: number | null;
  kind: string | null;
  started_at: Date;
  finished_at: Date | null;
  duration_s: number;
  outcome: string;
  error: string | null;
  note: unknown;
}

/** A task's attempts, newest first, read through the (task_id, attempt) unique index. */
export async function listTaskRuns(raw: TaskRunsInput): Promise<TaskRunPage> {
  const input = taskRunsInput.parse(raw);
  const db = await getDb();
  const task = await db.diagnosisTask.findUnique({ where: { id: input.taskId }, select: { id: true } });
  if (!task) throw notFound(`任务 ${input.taskId} 不存在 (task ${input.taskId} does not exist).`);
  const [rows, total] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT r.id, r.attempt, i.host, i.pid, i.kind, r.started_at, r.finished_at, r.outcome, r.error, r.note,
             extract(epoch FROM coalesce(r.finished_at, now()) - r.started_at)::float8 AS duration_s
      FROM task_runs r LEFT JOIN executor_instances i ON i.id = r.instance_id
      WHERE r.task_id = ${input.taskId}
      ORDER BY r.attempt DESC
      LIMIT ${input.pageSize} OFFSET ${(input.page - 1) * input.pageSize}`,
    db.taskRun.count({ where: { taskId: input.taskId } }),
  ]);
  const items = rows.map((r) => ({
    id: r.id.toString(),
    attempt: r.attempt,
    executor: r.host === null ? null : { host: r.host, pid: r.pid!, kind: r.kind! },
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationSeconds: Math.max(0, Math.round(r.duration_s * 10) / 10),
    outcome: r.outcome,
    error: r.error,
    note: asRunNote(r.note),
  }));
  return { items, total, page: input.page, pageSize: input.pageSize };
}
