"use client";

import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n-provider";
import { useHasRole } from "@/components/auth/actor-provider";
import { LocalTime } from "@/components/ui/local-time";
import { formatDuration } from "@/components/ui/duration";
import { RecoverTaskButton } from "@/components/recovery-actions/recover-task-button";
import { stoppedWhereText, stuckReasonText } from "@/components/recovery-actions/stuck-reason";
import type { TaskListRow } from "@/server/tasks/task-list-row";
import { StatusBadge } from "./status-badge";
import { RunProgressCount } from "./run-progress";
import { scheduleText } from "./schedule-text";
import { SortHeader } from "./sort-header";
import { findingLabel } from "@/components/cameras/labels";
import { executorName } from "@/shared/executor-name";

type Dir = "asc" | "desc";

interface TaskTableProps {
  items: TaskListRow[];
  sort: string;
  dir: Dir;
  onSort(column: string, dir: Dir): void;
  /** When the rows were fetched: a running task's runtime is measured up to then. */
  fetchedAt: number;
  empty: React.ReactNode;
}

/** One page of tasks. Rows have a fixed height, so a refresh that changes a status moves nothing. */
export function TaskTable({ items, sort, dir, onSort, fetchedAt, empty }: TaskTableProps) {
  const { t } = useI18n();
  const isAdmin = useHasRole("admin");
  const none = t("common.none");
  const columns = isAdmin ? 10 : 9;
  const sortable = (column: string, label: string, className?: string) => (
    <SortHeader label={label} column={column} sort={sort} dir={dir} onSort={onSort} className={className} />
  );
  return (
    <div className="table-wrap">
      <table className="data-table task-table" data-testid="task-table">
        <thead>
          <tr>
            {sortable("name", t("tasks.col.name"))}
            <th scope="col" className="hide-narrow">
              {t("tasks.col.cameras")}
            </th>
            <th scope="col" className="hide-narrow">
              {t("tasks.col.checks")}
            </th>
            <th scope="col" className="hide-narrow">
              {t("tasks.col.schedule")}
            </th>
            {sortable("status", t("tasks.col.status"))}
            <th scope="col" className="hide-phone">
              {t("tasks.col.runtime")}
            </th>
            {sortable("lastRunTime", t("tasks.col.lastRun"), "hide-phone")}
            {sortable("nextRunTime", t("tasks.col.nextRun"), "hide-narrow")}
            <th scope="col" className="hide-narrow">
              {t("tasks.col.owner")}
            </th>
            {isAdmin && (
              <th scope="col">
                <span className="sr-only">{t("tasks.col.actions")}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns} className="empty">
                {empty}
              </td>
            </tr>
          )}
          {items.map((task) => {
            const runtimeSeconds = task.stuck
              ? task.stuck.runtimeMinutes * 60
              : task.status === "running" && task.startedAt
                ? (fetchedAt - task.startedAt.getTime()) / 1000
                : null;
            const reason = task.stuck && stuckReasonText(t, task.stuck.code, task.maxRuntimeMinutes);
            const stoppedWhere = task.stuck?.stoppedAt ? stoppedWhereText(t, task.stuck.stoppedAt) : null;
            // The executor column names who runs the task now; once a run has ended (or was reset
            // after its executor died) the task has none, and naming the last one read as if it still ran there.
            const executor = task.status === "running" && task.owner ? executorName(task.owner) : null;
            return (
              <tr key={task.id} data-testid={`task-row-${task.id}`} className={task.stuck ? "row-stuck" : undefined}>
                <td className="cell-name">
                  <Link href={`/tasks/${task.id}`} title={task.name}>
                    {task.name}
                  </Link>
                  {!task.isActive && <span className="cell-sub">{t("task.inactive")}</span>}
                </td>
                <td className="cell-clip hide-narrow" title={task.cameras.map((c) => c.name).join("、")}>
                  {task.cameras.map((c) => c.name).join("、") || none}
                </td>
                <td className="cell-num hide-narrow" title={task.checks.map((c) => findingLabel(t, c)).join("、")}>
                  {task.checks.length}
                </td>
                <td className="cell-nowrap hide-narrow">{scheduleText(t, task)}</td>
                <td className="cell-status">
                  <StatusBadge status={task.status} stuck={!!task.stuck} lastRunOutcome={task.lastRunOutcome} />
                  {!task.stuck && <RunProgressCount task={task} />}
                  {reason && (
                    <span className="cell-sub stuck-reason" title={reason} data-testid="stuck-reason">
                      {reason}
                    </span>
                  )}
                  {stoppedWhere && (
                    <span className="cell-sub" title={stoppedWhere} data-testid="stopped-where">
                      {stoppedWhere}
                    </span>
                  )}
                </td>
                <td className="cell-nowrap hide-phone">{runtimeSeconds === null ? none : formatDuration(t, runtimeSeconds)}</td>
                <td className="cell-nowrap hide-phone">
                  <LocalTime value={task.lastRunTime} format="compact" />
                </td>
                <td className="cell-nowrap hide-narrow" data-testid="task-next-run">
                  <LocalTime value={task.nextRunTime} format="compact" />
                </td>
                <td className="mono cell-clip hide-narrow" title={executor ?? undefined} data-testid="task-executor">
                  {executor ?? none}
                </td>
                {isAdmin && <td className="cell-actions">{task.stuck && <RecoverTaskButton task={task} small />}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
