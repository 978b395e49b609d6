import "server-only";
import type { Metric } from "prom-client";

export interface BucketCounts {
  labels: Record<string, string>;
  /** Observations <= each upper bound (already cumulative), in the order of `buckets`. */
  cumulative: number[];
  count: number;
  sum: number;
}

/**
 * A histogram whose bucket counts come from a database query rather than from observe() calls in
 * this process, so every server reports the same cluster-wide numbers. prom-client's Histogram can
 * only count observations it saw itself; its Registry formats any metric through get(), so this
 * object gives get() the same shape a Histogram does (_bucket with le, _sum, _count).
 */
export function dbHistogram(options: { name: string; help: string; buckets: number[]; series: BucketCounts[] }): Metric {
  const { name, help, buckets, series } = options;
  const values = series.flatMap((s) => [
    ...buckets.map((le, i) => ({ metricName: `${name}_bucket`, labels: { ...s.labels, le }, value: s.cumulative[i] })),
    { metricName: `${name}_bucket`, labels: { ...s.labels, le: "+Inf" }, value: s.count },
    { metricName: `${name}_sum`, labels: s.labels, value: s.sum },
    { metricName: `${name}_count`, labels: s.labels, value: s.count },
  ]);
  const metric = {
    name,
    help,
    type: "histogram",
    aggregator: "sum",
    get: async () => ({ name, help, type: "histogram", aggregator: "sum", values }),
  };
  return metric as unknown as Metric;
}
