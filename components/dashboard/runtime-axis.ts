import type { Translate } from "@/components/i18n/messages";

type Unit = "ms" | "s" | "min" | "h";
const UNITS: Array<{ unit: Unit; seconds: number; below: number; steps: number[] }> = [
  { unit: "ms", seconds: 0.001, below: 1, steps: [1, 2, 5, 10, 20, 50, 100, 200, 250] },
  { unit: "s", seconds: 1, below: 120, steps: [1, 2, 5, 10, 15, 20, 30] },
  { unit: "min", seconds: 60, below: 7200, steps: [1, 2, 5, 10, 15, 20, 30] },
  { unit: "h", seconds: 3600, below: Infinity, steps: [1, 2, 3, 6, 12, 24] },
];
const MAX_TICKS = 5;
const KEYS = { ms: "time.milliseconds", s: "time.seconds", min: "time.minutes", h: "time.hours" } as const;

export interface RuntimeAxis {
  ticks: number[];
  domain: [number, number];
  /** Every tick in one unit: milliseconds when the axis stays under a second, else seconds, minutes or hours. */
  format: (seconds: number) => string;
}

/**
 * A runtime axis from 0 that reads like a ruler: 0, 200, 400 毫秒; 0, 1, 2 秒; 0, 5, 10 分钟. (The
 * chart library's own ticks split the data's range evenly: 0 / 0.1 / 0.3 / 0.5 / 0.6 秒.)
 */
export function runtimeAxis(t: Translate, maxSeconds: number): RuntimeAxis {
  const max = Number.isFinite(maxSeconds) && maxSeconds > 0 ? maxSeconds : 1;
  const { unit, seconds, steps } = UNITS.find((u) => max < u.below)!;
  const inUnit = max / seconds;
  const step = steps.find((s) => inUnit / s <= MAX_TICKS - 1) ?? Math.ceil(inUnit / (MAX_TICKS - 1));
  const count = Math.max(1, Math.ceil(inUnit / step - 1e-9));
  const ticks = Array.from({ length: count + 1 }, (_, i) => i * step * seconds);
  return {
    ticks,
    domain: [0, ticks.at(-1)!],
    format: (value) => t(KEYS[unit], { n: Math.round(value / seconds) }),
  };
}
