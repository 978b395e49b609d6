"use client";

import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useI18n } from "@/components/i18n/i18n-provider";
import { Section } from "@/components/ui/section";
import { formatDuration } from "@/components/ui/duration";
import { runtimeAxis } from "./runtime-axis";
import { MODE_LABELS } from "@/components/recovery-audit/audit-params";
import type { MetricSeries } from "@/server/dashboard/metric-series";

const MODE_COLORS = { auto: "#1f6feb", manual: "#1b7f3b", bulk: "#d97706", force: "#c62828", cli: "#7c3aed" } as const;
const MODES = Object.keys(MODE_COLORS) as Array<keyof typeof MODE_COLORS>;
const CHART_HEIGHT = 240;
// Drawn at this size before the first measurement, so the first paint is already the right height.
const INITIAL = { width: 560, height: CHART_HEIGHT };

function ChartCard({ title, hint, summary, children }: { title: string; hint: string; summary: string; children: ReactNode }) {
  return (
    <Section title={title}>
      <figure className="chart-figure" aria-label={`${title}: ${summary}`}>
        <figcaption className="muted">
          {hint} · <strong>{summary}</strong>
        </figcaption>
        <div className="chart-box">{children}</div>
      </figure>
    </Section>
  );
}

/** The spec's three metrics over the chosen range: stuck tasks, average runtime and recovery frequency. */
export function MetricCharts({ series }: { series: MetricSeries }) {
  const { t, lang } = useI18n();
  const locale = lang === "zh" ? "zh-CN" : "en-GB";
  const tick = (ms: number) =>
    new Date(ms).toLocaleString(
      locale,
      series.range === "7d"
        ? { month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }
        : { hour: "2-digit", minute: "2-digit" },
    );
  const data = series.points.map((p) => ({ t: p.at.getTime(), stuck: p.stuckTasks, runtime: p.avgRuntimeSeconds, ...p.recoveries }));
  const stuckValues = series.points.flatMap((p) => (p.stuckTasks === null ? [] : [p.stuckTasks]));
  const runtimes = series.points.flatMap((p) => (p.avgRuntimeSeconds === null ? [] : [p.avgRuntimeSeconds]));
  const seconds = (value: number) => formatDuration(t, value);
  const axis = runtimeAxis(t, Math.max(0, ...runtimes));
  const recoveries = series.points.reduce((sum, p) => sum + Object.values(p.recoveries).reduce((a, b) => a + b, 0), 0);
  const none = t("dashboard.chart.noData");
  const xAxis = (
    <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={tick} minTickGap={40} fontSize={12} />
  );
  const tooltip = <Tooltip labelFormatter={(v) => tick(Number(v))} />;
  return (
    <div className="chart-grid" data-testid="metric-charts">
      <ChartCard
        title={t("dashboard.chart.stuck")}
        hint={t("dashboard.chart.stuckHint")}
        summary={
          stuckValues.length ? t("dashboard.chart.summaryStuck", { max: Math.max(...stuckValues), last: stuckValues.at(-1)! }) : none
        }
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e9ef" />
            {xAxis}
            <YAxis allowDecimals={false} width={36} fontSize={12} />
            {tooltip}
            <Line
              type="stepAfter"
              dataKey="stuck"
              name={t("dashboard.chart.stuck")}
              stroke="#d97706"
              strokeWidth={2}
              dot={{ r: 2 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title={t("dashboard.chart.runtime")}
        hint={t("dashboard.chart.runtimeHint")}
        summary={
          runtimes.length
            ? t("dashboard.chart.summaryRuntime", { avg: seconds(runtimes.reduce((a, b) => a + b, 0) / runtimes.length) })
            : none
        }
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e9ef" />
            {xAxis}
            <YAxis width={64} fontSize={12} ticks={axis.ticks} domain={axis.domain} tickFormatter={axis.format} interval={0} />
            <Tooltip labelFormatter={(v) => tick(Number(v))} formatter={(v) => seconds(Number(v))} />
            <Line
              type="monotone"
              dataKey="runtime"
              name={t("dashboard.chart.runtime")}
              stroke="#1f6feb"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title={t("dashboard.chart.recoveries")}
        hint={t("dashboard.chart.recoveriesHint")}
        summary={t("dashboard.chart.summaryRecoveries", { total: recoveries })}
      >
        <ResponsiveContainer width="100%" height={CHART_HEIGHT} initialDimension={INITIAL}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e5e9ef" />
            {xAxis}
            <YAxis allowDecimals={false} width={36} fontSize={12} />
            {tooltip}
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {MODES.map((mode) => (
              <Bar
                key={mode}
                dataKey={mode}
                stackId="modes"
                name={t(MODE_LABELS[mode])}
                fill={MODE_COLORS[mode]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
    </div>
  );
}
