"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n-provider";
import type { StatusSummary } from "@/server/dashboard/status-summary";
import { STATUSES } from "@/components/tasks/task-list-params";

/** Counts by status, each a link to the task list filtered that way, and the stuck tasks right now. */
export function StatusCards({ summary }: { summary: StatusSummary }) {
  const { t } = useI18n();
  return (
    <div className="stat-grid" data-testid="status-cards">
      <Link href="/tasks" className="stat">
        <span className="stat-label">{t("dashboard.total")}</span>
        <span className="stat-value">{summary.total}</span>
        <span className="muted">{t("dashboard.activeOf", { n: summary.active })}</span>
      </Link>
      <Link href="/tasks?stuck=1" className={`stat${summary.stuck ? " stat-warning" : ""}`} data-testid="stuck-now">
        <span className="stat-label">{t("dashboard.stuckNow")}</span>
        <span className="stat-value">{summary.stuck}</span>
        <span className="muted">{t("dashboard.stuckNotRunning", { n: summary.stuckNotRunning })}</span>
      </Link>
      <Link href="/cameras" className={`stat${summary.camerasOpen ? " stat-warning" : ""}`} data-testid="cameras-open">
        <span className="stat-label">{t("dashboard.camerasOpen")}</span>
        <span className="stat-value">{summary.camerasOpen}</span>
        <span className="muted">{t("dashboard.camerasOpenCritical", { n: summary.camerasOpenCritical })}</span>
      </Link>
      <Link href="/cameras" className="stat" data-testid="cameras-acknowledged">
        <span className="stat-label">{t("dashboard.camerasAcknowledged")}</span>
        <span className="stat-value">{summary.camerasAcknowledged}</span>
      </Link>
      {STATUSES.map((status) => (
        <Link key={status} href={`/tasks?status=${status}`} className="stat" data-testid={`count-${status}`}>
          <span className="stat-label">{t(`status.${status}`)}</span>
          <span className="stat-value">{summary.byStatus[status]}</span>
        </Link>
      ))}
    </div>
  );
}
