import "server-only";

/** Small numeric helpers shared by the checks. */

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Maps a metric to a 0..1 severity: 0 at a typical healthy value, 0.5 exactly at the threshold (so
 * `score >= 0.5` agrees with the abnormal decision), 1 at an extreme value; linear in between. Works whichever
 * side of the threshold is the bad one.
 */
export function rampScore(value: number, typical: number, threshold: number, extreme: number): number {
  const pastThreshold = (value - threshold) * (threshold - typical) >= 0;
  if (!pastThreshold) return 0.5 * clamp01((value - typical) / (threshold - typical));
  return extreme === threshold ? 1 : 0.5 + 0.5 * clamp01((value - threshold) / (extreme - threshold));
}

/** Value below which `fraction` of the histogram mass lies. */
export function histogramPercentile(histogram: ArrayLike<number>, fraction: number): number {
  let total = 0;
  for (let i = 0; i < histogram.length; i++) total += histogram[i];
  const target = fraction * total;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= target && seen > 0) return i;
  }
  return histogram.length - 1;
}

export function histogramMeanStd(histogram: ArrayLike<number>): { mean: number; std: number; count: number } {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < histogram.length; i++) {
    n += histogram[i];
    sum += i * histogram[i];
    sumSq += i * i * histogram[i];
  }
  const mean = n ? sum / n : 0;
  return { mean, std: n ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : 0, count: n };
}

/**
 * Linear-interpolated quantile q (0..1), as sorting a copy would give it. The two order statistics are found by
 * selection (quickselect, then the least value above): linear instead of a sort, for the hundreds of block
 * sigmas and cell means a check takes a percentile of.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return NaN;
  const copy = Float64Array.from(values);
  const pos = clamp01(q) * (copy.length - 1);
  const lo = Math.floor(pos);
  const low = selectInPlace(copy, lo);
  let high = low;
  if (lo + 1 < copy.length) {
    high = copy[lo + 1];
    for (let i = lo + 2; i < copy.length; i++) if (copy[i] < high) high = copy[i];
  }
  return low + (high - low) * (pos - lo);
}

/**
 * The k-th smallest of a[0..length - 1] (Hoare's selection); reorders them so that a[k] holds it, smaller values
 * before it and larger after it.
 */
export function selectInPlace(a: Float64Array | Int32Array, k: number, length = a.length): number {
  let left = 0;
  let right = length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
