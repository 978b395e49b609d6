import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { rampScore, round } from "./stats";

/**
 * Stripes (interference bars, a failing row/column readout): bands that repeat with a fixed period across the
 * whole frame. The frame is cut into strips; each strip gives a mean-luma profile across the bands (row means
 * for horizontal bands, column means for vertical ones), high-passed so the scene's large shapes drop out.
 * Two properties separate stripes from scene structure (floors of a facade, rows of seats, a fence):
 *  - periodicity: the strips' average profile has its power concentrated at one period;
 *  - phase coherence: at that period every strip is in phase (a stripe spans the frame; repetitive scene
 *    detail is local, in perspective, or starts and stops).
 * Their product is near 1 for stripes and stays low for scenes. A minimum amplitude keeps invisible
 * patterns (e.g. JPEG block grids) out.
 */
export function checkStripe(frame: Frame, t: Thresholds["stripe"]): CheckResult {
  const horizontal = bandScore(frame.gray, frame.w, frame.h, "rows", t);
  const vertical = bandScore(frame.gray, frame.w, frame.h, "columns", t);
  const best = horizontal.strength >= vertical.strength ? horizontal : vertical;
  const abnormal = best.strength >= t.minStrength && best.amplitude >= t.minAmplitude;
  return {
    code: "stripe",
    abnormal,
    score: Math.min(rampScore(best.strength, 0.1, t.minStrength), rampScore(best.amplitude, 0, t.minAmplitude)),
    metrics: {
      strength: round(best.strength),
      periodicity: round(best.periodicity),
      coherence: round(best.coherence),
      amplitude: round(best.amplitude, 2),
      period: round(best.period, 2),
      vertical: best === vertical ? 1 : 0,
    },
  };
}

const STRIPS = 8;
/** Half-width of the moving average removed from each profile (periods well above 2x this are scene). */
const DETREND_RADIUS = 10;

interface BandScore {
  strength: number;
  periodicity: number;
  coherence: number;
  amplitude: number;
  period: number;
}

function bandScore(gray: Uint8Array, w: number, h: number, along: "rows" | "columns", t: Thresholds["stripe"]): BandScore {
  const strips = stripProfiles(gray, w, h, along).map(detrend);
  const n = strips[0].length;
  const mean = new Float64Array(n);
  for (const p of strips) for (let i = 0; i < n; i++) mean[i] += p[i] / STRIPS;

  const kMin = Math.max(2, Math.ceil(n / t.maxPeriod));
  const kMax = Math.min(Math.floor(n / 2) - 1, Math.floor(n / t.minPeriod));
  if (kMax <= kMin) return { strength: 0, periodicity: 0, coherence: 0, amplitude: 0, period: 0 };
  const power = new Float64Array(kMax + 2);
  for (let k = kMin - 1; k <= kMax + 1; k++) {
    const [re, im] = dft(mean, k);
    power[k] = re * re + im * im;
  }
  // A period rarely fits the profile length exactly, so a peak is counted with its two neighbouring bins.
  let peak = 0, peakK = 0;
  for (let k = kMin; k <= kMax; k++) {
    const p = power[k - 1] + power[k] + power[k + 1];
    if (p > peak) [peak, peakK] = [p, k];
  }
  let sumSq = 0;
  for (let i = 0; i < n; i++) sumSq += mean[i] * mean[i];
  const total = (n * sumSq) / 2; // Parseval: power over k = 1..n/2 of a zero-mean real signal
  const periodicity = total > 0 ? Math.min(1, peak / total) : 0;
  const coherence = phaseCoherence(strips, peakK);
  return { strength: periodicity * coherence, periodicity, coherence, amplitude: (2 * Math.sqrt(peak)) / n, period: n / peakK };
}

/** |sum of the strips' Fourier coefficients|^2 / (strips * sum of |coefficient|^2) over the peak bins: 1 in phase. */
function phaseCoherence(strips: Float64Array[], peakK: number): number {
  let coherent = 0, total = 0;
  for (let k = peakK - 1; k <= peakK + 1; k++) {
    let sumRe = 0, sumIm = 0;
    for (const p of strips) {
      const [re, im] = dft(p, k);
      sumRe += re;
      sumIm += im;
      total += re * re + im * im;
    }
    coherent += sumRe * sumRe + sumIm * sumIm;
  }
  return total > 0 ? coherent / (STRIPS * total) : 0;
}

/** Mean luma per row (or column) for each of STRIPS strips cut across the other direction. */
function stripProfiles(gray: Uint8Array, w: number, h: number, along: "rows" | "columns"): Float64Array[] {
  const length = along === "rows" ? h : w;
  const across = along === "rows" ? w : h;
  const sums = Array.from({ length: STRIPS }, () => new Float64Array(length));
  const stripOf = new Int32Array(across);
  for (let a = 0; a < across; a++) stripOf[a] = Math.floor((a * STRIPS) / across);
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (along === "rows") sums[stripOf[x]][y] += gray[i];
      else sums[stripOf[y]][x] += gray[i];
    }
  }
  for (let s = 0; s < STRIPS; s++) {
    const width = Math.ceil(((s + 1) * across) / STRIPS) - Math.ceil((s * across) / STRIPS) || 1;
    for (let i = 0; i < length; i++) sums[s][i] /= width;
  }
  return sums;
}

function detrend(profile: Float64Array): Float64Array {
  const n = profile.length;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + profile[i];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - DETREND_RADIUS);
    const hi = Math.min(n, i + DETREND_RADIUS + 1);
    out[i] = profile[i] - (prefix[hi] - prefix[lo]) / (hi - lo);
  }
  return out;
}

/** One DFT coefficient, with a cached twiddle table per length. */
function dft(signal: Float64Array, k: number): [number, number] {
  const n = signal.length;
  const { cos, sin } = twiddles(n);
  let re = 0, im = 0;
  for (let i = 0, m = 0; i < n; i++, m += k) {
    if (m >= n) m -= n;
    re += signal[i] * cos[m];
    im += signal[i] * sin[m];
  }
  return [re, im];
}

const twiddleCache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

function twiddles(n: number) {
  let table = twiddleCache.get(n);
  if (!table) {
    table = { cos: new Float64Array(n), sin: new Float64Array(n) };
    for (let m = 0; m < n; m++) {
      table.cos[m] = Math.cos((2 * Math.PI * m) / n);
      table.sin[m] = Math.sin((2 * Math.PI * m) / n);
    }
    twiddleCache.set(n, table);
  }
  return table;
}
