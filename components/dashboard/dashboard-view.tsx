"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/trpc/react";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { ErrorState, Loading } from "@/components/ui/query-states";
import { useUrlParams } from "@/components/ui/use-url-params";
import { CHECK_INTERVAL_MS } from "@/components/recovery-actions/use-stuck-check";
import { liveInterval } from "@/components/tasks/live-refresh";
import { MetricCharts } from "./metric-charts";
import { StatusCards } from "./status-cards";
import { DASHBOARD_RANGES, rangeFromParam } from "./dashboard-range";

/** The overview: counts by status, stuck now, and the recovery metrics over the chosen range (in the URL). */
export function DashboardView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { params, update } = useUrlParams();
  const range = rangeFromParam(params.get("range"));
  // Every few seconds while any task is due or running, else every 5 minutes (the charts keep 5 minutes).
  const summary = useQuery({
    ...trpc.dashboard.summary.queryOptions({}),
    refetchInterval: (query) => liveInterval(!!query.state.data && query.state.data.byStatus.running + query.state.data.due > 0),
  });
  const series = useQuery({
    ...trpc.dashboard.series.queryOptions({ range }),
    refetchInterval: CHECK_INTERVAL_MS,
    placeholderData: keepPreviousData,
  });
  const fetchedAt = Math.max(summary.dataUpdatedAt, series.dataUpdatedAt);
  return (
    <div className="stack">
      <div className="toolbar">
        <fieldset className="segmented" aria-label={t("dashboard.range")}>
          <legend className="sr-only">{t("dashboard.range")}</legend>
          {DASHBOARD_RANGES.map((r) => (
            <label key={r}>
              <input type="radio" name="range" value={r} checked={range === r} onChange={() => update({ range: r === "24h" ? null : r })} />
              {t(`dashboard.range.${r}`)}
            </label>
          ))}
        </fieldset>
        <div className="toolbar-end">
          <span className="muted last-checked">
            {t("ui.lastChecked")} <LocalTime value={fetchedAt ? new Date(fetchedAt) : null} format="time" />
          </span>
          <Button busy={summary.isFetching || series.isFetching} onClick={() => void Promise.all([summary.refetch(), series.refetch()])}>
            {t("ui.refresh")}
          </Button>
        </div>
      </div>
      <section aria-label={t("dashboard.counts")}>
        {summary.data ? (
          <StatusCards summary={summary.data} />
        ) : summary.isError ? (
          <ErrorState message={summary.error.message} onRetry={() => void summary.refetch()} />
        ) : (
          <Loading minHeight={88} />
        )}
      </section>
      <section aria-label={t("dashboard.trends")}>
        {series.data ? (
          <MetricCharts series={series.data} />
        ) : series.isError ? (
          <ErrorState message={series.error.message} onRetry={() => void series.refetch()} minHeight={300} />
        ) : (
          <Loading minHeight={300} />
        )}
      </section>
    </div>
  );
}
