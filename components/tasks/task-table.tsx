"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { LocalTime } from "@/components/ui/local-time";
import { StatusBadge } from "./status-badge";
import { scheduleText } from "./schedule-text";
import { taskListInputFromParams } from "./task-list-params";

export function TaskTable() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const params = useSearchParams();
  const pathname = usePathname();
  const input = taskListInputFromParams(params);
  const query = useQuery({ ...trpc.tasks.list.queryOptions(input), placeholderData: keepPreviousData });

  if (query.isPending) return <p className="muted">{t("tasks.loading")}</p>;
  if (query.isError) return <p className="form-error" role="alert">{t("tasks.loadError", { message: query.error.message })}</p>;

  const { items, total, page, pageSize } = query.data;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageHref = (p: number) => {
    const next = new URLSearchParams(params.toString());
    next.set("page", String(p));
    return `${pathname}?${next.toString()}`;
  };

  return (
    <section aria-labelledby="tasks-heading">
      <div className="table-wrap">
        <table className="data-table" data-testid="task-table">
          <thead>
            <tr>
              <th scope="col">{t("tasks.col.name")}</th>
              <th scope="col">{t("tasks.col.cameras")}</th>
              <th scope="col">{t("tasks.col.checks")}</th>
              <th scope="col">{t("tasks.col.schedule")}</th>
              <th scope="col">{t("tasks.col.status")}</th>
              <th scope="col">{t("tasks.col.lastRun")}</th>
              <th scope="col">{t("tasks.col.nextRun")}</th>
              <th scope="col">{t("tasks.col.owner")}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && (
              <tr><td colSpan={8} className="empty">{t("tasks.empty")}</td></tr>
            )}
            {items.map((task) => (
              <tr key={task.id} data-testid={`task-row-${task.id}`}>
                <td><Link href={`/tasks/${task.id}`}>{task.name}</Link></td>
                <td>{task.cameras.map((c) => c.name).join("、") || t("common.none")}</td>
                <td className="checks-cell">{task.checks.length}</td>
                <td>{scheduleText(t, task)}</td>
                <td><StatusBadge status={task.status} /></td>
                <td><LocalTime value={task.lastRunTime} /></td>
                <td><LocalTime value={task.nextRunTime} /></td>
                <td className="mono">{task.owner ? `${task.owner.host}:${task.owner.pid}` : t("common.none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="pagination">
        <span>{t("tasks.total", { total })}</span>
        {page > 1 ? <Link className="btn" href={pageHref(page - 1)}>{t("tasks.prev")}</Link> : <span className="btn disabled">{t("tasks.prev")}</span>}
        <span>{t("tasks.page", { page, pages })}</span>
        {page < pages ? <Link className="btn" href={pageHref(page + 1)}>{t("tasks.next")}</Link> : <span className="btn disabled">{t("tasks.next")}</span>}
      </nav>
    </section>
  );
}
