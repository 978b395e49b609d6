"use client";

import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { LocalTime } from "@/components/ui/local-time";
import { Pagination } from "@/components/ui/pagination";
import { useUrlParams } from "@/components/ui/use-url-params";
import { StuckBanner } from "@/components/recovery-actions/stuck-banner";
import { useStuckCheck } from "@/components/recovery-actions/use-stuck-check";
import { TaskFilters } from "./task-filters";
import { ExecutorFilterChip } from "./executor-filter-chip";
import { taskListInputFromParams } from "./task-list-params";
import { TaskTable } from "./task-table";
import { isTaskBusy, liveInterval } from "./live-refresh";

/**
 * The task list: filters, the stuck-task banner, the table and its pages. The list and the stuck
 * check refresh on load, every 5 minutes, when the window regains focus and on 刷新; the previous
 * data stays on screen while new data loads, so nothing jumps.
 */
export function TaskListView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { params, hrefWith, update } = useUrlParams();
  const input = taskListInputFromParams(params);
  // One query for the whole page: every few seconds while any task on it is due or running, else every 5 minutes.
  const list = useQuery({
    ...trpc.tasks.list.queryOptions(input),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => liveInterval(!!query.state.data?.items.some((task) => isTaskBusy(task))),
  });
  const check = useStuckCheck();
  const refreshing = list.isFetching || check.isFetching;
  const fetchedAt = Math.max(list.dataUpdatedAt, check.dataUpdatedAt);
  const filtered = ["status", "active", "q", "stuck", "executor"].some((name) => params.get(name));
  // Clearing the filters also empties the search box, which keeps its own text while typing.
  const [filtersKey, setFiltersKey] = useState(0);
  const clearFilters = () => {
    setFiltersKey((k) => k + 1);
    update({ status: null, active: null, q: null, stuck: null, executor: null });
  };

  return (
    <section aria-labelledby="tasks-heading" className="stack">
      <div className="toolbar">
        <TaskFilters key={filtersKey} params={params} update={update} />
        {input.executorId && (
          <ExecutorFilterChip executorId={input.executorId} name={list.data?.executor?.name} clearHref={hrefWith({ executor: null })} />
        )}
        <div className="toolbar-end">
          <span className="muted last-checked" data-testid="last-checked">
            {t("ui.lastChecked")} <LocalTime value={fetchedAt ? new Date(fetchedAt) : null} format="time" />
          </span>
          <Button busy={refreshing} onClick={() => void Promise.all([list.refetch(), check.refetch()])}>
            {t("ui.refresh")}
          </Button>
        </div>
      </div>
      <StuckBanner stuckHref={hrefWith({ stuck: "1" })} />
      {list.isPending ? (
        <Loading minHeight={400} />
      ) : list.isError && !list.data ? (
        <ErrorState message={list.error.message} onRetry={() => void list.refetch()} minHeight={400} />
      ) : (
        <>
          <TaskTable
            items={list.data.items}
            sort={input.sort ?? "id"}
            dir={input.dir ?? "asc"}
            onSort={(sort, dir) => update({ sort, dir: dir === "desc" ? "desc" : null })}
            fetchedAt={list.dataUpdatedAt}
            empty={
              filtered ? (
                <>
                  {t("tasks.emptyFiltered")}{" "}
                  <Button small onClick={clearFilters}>
                    {t("tasks.filter.clear")}
                  </Button>
                </>
              ) : (
                t("tasks.emptyAll")
              )
            }
          />
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            summary={t("tasks.total", { total: list.data.total })}
            hrefFor={(page) => hrefWith({ page: String(page) })}
          />
        </>
      )}
    </section>
  );
}
