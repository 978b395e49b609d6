import { getDb } from "@/server/db/client";
import { createTask } from "../support/fixtures";

export interface ResultFixture {
  verdict?: "ok" | "abnormal" | "error";
  findings?: string[];
  /** Score of each check that ran; a check whose code is in `findings` is stored as abnormal. */
  scores?: Record<string, number>;
  /** Checks that fired; default `findings` (a check that fired but is hidden behind a root cause is not a finding). */
  fired?: string[];
  minutesAgo?: number;
}

/**
 * Stores a result of the camera as a finished run of a task would (the task is made when not given),
 * backdated by `minutesAgo` instead of waiting.
 */
export async function addResult(cameraId: number, r: ResultFixture, taskId?: number) {
  const db = await getDb();
  const task = taskId ?? (await createTask({ cameraIds: [cameraId] })).id;
  const attempt = (await db.taskRun.count({ where: { taskId: task } })) + 1;
  const run = await db.taskRun.create({ data: { taskId: task, attempt, outcome: "completed", finishedAt: new Date() } });
  const findings = r.findings ?? [];
  const checks = Object.fromEntries(
    Object.entries(r.scores ?? {}).map(([code, score]) => [
      code,
      { code, abnormal: (r.fired ?? findings).includes(code), score, metrics: {} },
    ]),
  );
  return db.diagnosisResult.create({
    data: {
      taskId: task,
      runId: run.id,
      cameraId,
      attempt,
      verdict: r.verdict ?? (findings.length ? "abnormal" : "ok"),
      findings,
      checks,
      error: r.verdict === "error" ? "grab failed" : null,
      createdAt: new Date(Date.now() - (r.minutesAgo ?? 0) * 60_000),
    },
  });
}
