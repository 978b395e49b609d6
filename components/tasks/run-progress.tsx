"use client";

import { useI18n } from "@/components/i18n/i18n-provider";
import type { Translate } from "@/components/i18n/messages";
import { formatDuration } from "@/components/ui/duration";
import { isRunPhase } from "@/shared/run-progress";

/** The progress columns of a task, as the task views carry them. */
export interface TaskProgress {
  status: string;
  progressIndex: number | null;
  progressTotal: number | null;
  progressCamera: string | null;
  progressPhase: string | null;
  progressPhaseAt: Date | null;
}

const known = (task: TaskProgress) =>
  task.progressIndex !== null && task.progressTotal !== null && task.progressCamera !== null && isRunPhase(task.progressPhase);

/** "正在抓取「大门-04」画面，已 12 秒" in the reader's language, from the phase code. */
function phaseText(t: Translate, task: TaskProgress, now: number) {
  const seconds = task.progressPhaseAt ? Math.max(0, (now - task.progressPhaseAt.getTime()) / 1000) : 0;
  return t(`progress.phase.${task.progressPhase as "grabbing" | "analysing" | "saving"}`, {
    camera: task.progressCamera ?? "",
    since: formatDuration(t, seconds),
  });
}

/** The list's i/N for a running task (nothing before it reaches its first camera). */
export function RunProgressCount({ task }: { task: TaskProgress }) {
  const { t } = useI18n();
  if (task.status !== "running" || !known(task)) return null;
  return (
    <span
      className="cell-sub"
      data-testid="run-progress-count"
      title={t("progress.count", { i: task.progressIndex!, n: task.progressTotal! })}
    >
      {task.progressIndex}/{task.progressTotal}
    </span>
  );
}

/** The detail page's progress bar: cameras done of N, the current camera, its phase and since when. */
export function RunProgressBar({ task, now }: { task: TaskProgress; now: number }) {
  const { t } = useI18n();
  if (task.status !== "running") return null;
  if (!known(task)) {
    return (
      <div className="run-progress" data-testid="run-progress">
        <span className="muted">{t("progress.starting")}</span>
      </div>
    );
  }
  const total = task.progressTotal!;
  const done = task.progressIndex! - 1;
  const label = t("progress.count", { i: task.progressIndex!, n: total });
  return (
    <div className="run-progress" data-testid="run-progress">
      <div className="run-progress-label">
        <strong>{label}</strong> <span>{phaseText(t, task, now)}</span>
      </div>
      <div
        className="run-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t("progress.done", { done, n: total })}
      >
        <div className="run-progress-fill" style={{ width: `${Math.round((done / total) * 100)}%` }} />
      </div>
    </div>
  );
}
