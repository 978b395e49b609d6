import "server-only";

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const DAY_MS = 86_400_000;

let cachedDay = Number.NaN;
let cachedPrefix = "";

/**
 * An epoch-seconds value (as date_part('epoch', ...) gives it) as ISO 8601 UTC with milliseconds,
 * exactly what Date#toISOString writes. The status check formats one per running task; with the
 * date part cached (running tasks mostly started the same day) this is several times faster than a
 * Date object per value (bench/recovery.ts).
 */
export function isoFromEpochSeconds(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  if (day !== cachedDay) {
    cachedPrefix = new Date(day).toISOString().slice(0, -13); // "YYYY-MM-DDT"
    cachedDay = day;
  }
  let rest = ms - day;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${cachedPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
}
