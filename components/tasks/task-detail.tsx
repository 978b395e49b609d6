"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useRunNote } from "./use-run-note";
import { Banner } from "@/components/ui/banner";
import { formatDuration } from "@/components/ui/duration";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { Section } from "@/components/ui/section";
import { findingLabel } from "@/components/cameras/labels";
import { stoppedWhereText, stuckReasonText } from "@/components/recovery-actions/stuck-reason";
import { TaskRecoveryHistory } from "@/components/recovery-audit/task-recovery-history";
import { StatusBadge } from "./status-badge";
import { scheduleText } from "./schedule-text";
import { TaskActions } from "./task-actions";
import { TaskLatestResults } from "./task-latest-results";
import { TaskRuns } from "./task-runs";
import { isTaskBusy, liveInterval } from "./live-refresh";
import { RunProgressBar } from "./run-progress";
import { executorName } from "@/shared/executor-name";
import type { TaskView } from "@/server/tasks/task-view";

function Props({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <dl className="props">
      {rows.map(([label, value]) => (
        <div key={label} className="prop">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The executor running the task; after a run, muted, the one that ran it last (it may be long gone). */
function ExecutorText({ task }: { task: Pick<TaskView, "status" | "owner"> }) {
  const { t } = useI18n();
  if (!task.owner) return t("common.none");
  if (task.status === "running") return <span className="mono">{`${executorName(task.owner)} (${task.owner.kind})`}</span>;
  return (
    <span className="muted" data-testid="last-executor">
      {t("task.lastOwner", { executor: executorName(task.owner) })}
    </span>
  );
}

/** One task: its state (and why it is stuck), what it may do, its configuration, results, runs and recoveries. */
export function TaskDetail({ id }: { id: number }) {
  const { t } = useI18n();
  const note = useRunNote();
  const trpc = useTRPC();
  // Every few seconds while the task is due or running (its state is about to change), else every 5 minutes.
  const {
    data: task,
    error,
    refetch,
    dataUpdatedAt,
  } = useQuery({
    ...trpc.tasks.byId.queryOptions({ id }),
    refetchInterval: (query) => liveInterval(!!query.state.data && isTaskBusy(query.state.data)),
  });
  if (error && !task) return <ErrorState message={error.message} onRetry={() => void refetch()} />;
  if (!task) return <Loading minHeight={400} />;
  const none = t("common.none");
  const reason = task.stuck && stuckReasonText(t, task.stuck.code, task.maxRuntimeMinutes);
  return (
    <div className="stack" data-testid="task-detail">
      <div>
        <Link href="/tasks" className="back-link">
          ← {t("task.back")}
        </Link>
        <PageHeader
          id="task-heading"
          title={task.name}
          subtitle={
            <>
              <StatusBadge status={task.status} stuck={!!task.stuck} lastRunOutcome={task.lastRunOutcome} />
              <span>#{task.id}</span>
              <span>·</span>
              <span>{task.isActive ? t("task.active") : t("task.inactive")}</span>
            </>
          }
          actions={<TaskActions task={task} />}
        />
      </div>
      {task.stuck && (
        <Banner tone="warning" title={t("taskDetail.stuckTitle", { reason: reason ?? "" })} testId="task-stuck-banner">
          {t(task.scheduleType === "manual" ? "taskDetail.stuckBodyManual" : "taskDetail.stuckBody", {
            runtime: formatDuration(t, task.stuck.runtimeMinutes * 60),
          })}
          {task.stuck.stoppedAt && <p data-testid="stopped-where">{stoppedWhereText(t, task.stuck.stoppedAt)}</p>}
        </Banner>
      )}
      <Section title={t("taskDetail.state")}>
        <Props
          rows={[
            [t("task.status"), <StatusBadge key="s" status={task.status} stuck={!!task.stuck} lastRunOutcome={task.lastRunOutcome} />],
            ...(task.status === "running"
              ? [[t("progress.title"), <RunProgressBar key="p" task={task} now={dataUpdatedAt} />] as [string, ReactNode]]
              : []),
            [t("taskDetail.stuckReason"), reason ?? none],
            [t("task.reason"), note(task.statusNote, task.statusReason) || none],
            [t("task.owner"), <ExecutorText key="o" task={task} />],
            [t("task.attempt"), task.attempt],
            [t("taskDetail.startedAt"), <LocalTime key="st" value={task.status === "running" ? task.startedAt : null} />],
            [t("taskDetail.heartbeatAt"), <LocalTime key="hb" value={task.status === "running" ? task.heartbeatAt : null} />],
            [t("task.lastRun"), <LocalTime key="l" value={task.lastRunTime} />],
            [t("task.nextRun"), <LocalTime key="n" value={task.nextRunTime} />],
            [t("task.runs"), t("task.runsValue", { success: task.successRuns, total: task.totalRuns })],
          ]}
        />
      </Section>
      <Section title={t("taskDetail.config")}>
        <Props
          rows={[
            [t("task.description"), task.description || none],
            [t("task.schedule"), scheduleText(t, task)],
            [t("task.maxRuntime"), t("task.minutes", { n: task.maxRuntimeMinutes })],
            [t("task.active"), task.isActive ? t("task.active") : t("task.inactive")],
            [t("task.checks"), task.checks.map((c) => findingLabel(t, c)).join("、") || none],
            [t("task.cameras"), task.cameras.map((c) => c.name).join("、") || none],
            [t("task.createdBy"), task.createdBy?.username ?? none],
            [t("taskDetail.createdAt"), <LocalTime key="c" value={task.createdAt} />],
          ]}
        />
      </Section>
      <TaskLatestResults taskId={task.id} />
      <TaskRuns taskId={task.id} live={isTaskBusy(task)} />
      <TaskRecoveryHistory taskId={task.id} />
    </div>
  );
}
