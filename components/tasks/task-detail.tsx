"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "./status-badge";
import { scheduleText } from "./schedule-text";

export function TaskDetail({ id }: { id: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { data: task, error } = useQuery(trpc.tasks.byId.queryOptions({ id }));
  if (error) return <p className="form-error" role="alert">{error.message}</p>;
  if (!task) return <p className="muted">{t("tasks.loading")}</p>;
  const none = t("common.none");
  const rows: Array<[string, React.ReactNode]> = [
    [t("task.status"), <StatusBadge key="s" status={task.status} />],
    [t("task.active"), task.isActive ? t("task.active") : t("task.inactive")],
    [t("task.description"), task.description || none],
    [t("task.schedule"), scheduleText(t, task)],
    [t("task.checks"), task.checks.join(", ") || none],
    [t("task.cameras"), task.cameras.map((c) => c.name).join("、") || none],
    [t("task.lastRun"), <LocalTime key="l" value={task.lastRunTime} />],
    [t("task.nextRun"), <LocalTime key="n" value={task.nextRunTime} />],
    [t("task.runs"), t("task.runsValue", { success: task.successRuns, total: task.totalRuns })],
    [t("task.maxRuntime"), t("task.minutes", { n: task.maxRuntimeMinutes })],
    [t("task.owner"), task.owner ? `${task.owner.host}:${task.owner.pid} (${task.owner.kind})` : none],
    [t("task.attempt"), task.attempt],
    [t("task.createdBy"), task.createdBy?.username ?? none],
    [t("task.reason"), task.statusReason || none],
  ];
  return (
    <article className="card" data-testid="task-detail">
      <p><Link href="/tasks">← {t("task.back")}</Link></p>
      <h1>{task.name}</h1>
      <dl className="props">
        {rows.map(([label, value]) => (
          <div key={label} className="prop">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
