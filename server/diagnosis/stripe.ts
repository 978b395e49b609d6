import "server-only";
import { ORDINARY_PLANE_SCALE, planeScale, type Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { lineProfiles, STRIPS } from "./line-profiles";
import { coefficientsAround, powerSpectrum } from "./spectrum";
import { rampScore, round } from "./stats";

/**
 * Stripes (interference bars, a failing row/column readout): bands that repeat with a fixed period across the
 * whole frame. The frame is cut into strips (line-profiles.ts, shared with the fingerprint); each strip gives a mean-luma profile across the bands (row means
 * for horizontal bands, column means for vertical ones), differenced: that whitens a scene's smooth shapes
 * and turns a single edge (horizon, an object's border) into one spike with a flat spectrum, while a periodic
 * band stays a sine at its own frequency.
 * Two properties separate stripes from scene structure (floors of a facade, rows of seats, a fence):
 *  - periodicity: the strips' average profile has its power concentrated at one period;
 *  - phase coherence: at that period every strip is in phase (a stripe spans the frame; repetitive scene
 *    detail is local, in perspective, or starts and stops).
 * Their product is near 1 for stripes and stays low for scenes. A minimum amplitude keeps invisible
 * patterns (e.g. JPEG block grids) out.
 */
export function checkStripe(frame: Frame, t: Thresholds["stripe"]): CheckResult {
  const { stripRows: rows, stripColumns: columns } = lineProfiles(frame);
  const periods = periodRange(frame, t);
  const horizontal = bandScore(rows, periods);
  const vertical = bandScore(columns, periods);
  const best = horizontal.strength >= vertical.strength ? horizontal : vertical;
  const abnormal = best.strength >= t.minStrength && best.amplitude >= t.minAmplitude;
  return {
    code: "stripe",
    abnormal,
    score: Math.min(rampScore(best.strength, 0.1, t.minStrength, 1), rampScore(best.amplitude, 0, t.minAmplitude, 4 * t.minAmplitude)),
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

/**
 * The periods searched, in work-plane px. The thresholds give them on the plane of an ordinary camera (640..3840
 * wide, two source px per plane px: 3..16 there is 6..32 source px); a stripe's period is a property of the
 * source lines, so a smaller frame (decoded at full size, one source px per plane px) or a wider one (four)
 * searches the same source periods. Without this a 512 px frame, whose 24 px stripes stay 24 plane px, was
 * searched up to 16 only and half of its striped frames went unseen.
 */
function periodRange(frame: Frame, t: Thresholds["stripe"]): { min: number; max: number } {
  const perThresholdPx = ORDINARY_PLANE_SCALE / planeScale(frame);
  return { min: t.minPeriod * perThresholdPx, max: t.maxPeriod * perThresholdPx };
}

interface BandScore {
  strength: number;
  periodicity: number;
  coherence: number;
  amplitude: number;
  period: number;
}

/**
 * Periodicity and phase coherence of one direction's strip profiles. The profiles are cut to their central
 * power-of-two length for the FFT (256 samples hold 8 or more periods of the longest stripe considered).
 */
function bandScore(profiles: Float64Array[], periods: { min: number; max: number }): BandScore {
  const full = profiles[0].length;
  const n = 2 ** Math.floor(Math.log2(full));
  const offset = (full - n) >> 1;
  const strips = profiles.map((p) => centralDifference(p, offset, n));
  // Hann-windowed average: the cut ends of the profile would otherwise leak broadband power into the band.
  const mean = new Float64Array(n);
  for (const p of strips) for (let i = 0; i < n; i++) mean[i] += p[i] / STRIPS;
  for (let i = 0; i < n; i++) mean[i] *= 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);

  const power = powerSpectrum(mean);
  const kMin = Math.max(2, Math.ceil(n / periods.max));
  const kMax = Math.min(n / 2 - 1, Math.floor(n / periods.min));
  if (kMax <= kMin) return { strength: 0, periodicity: 0, coherence: 0, amplitude: 0, period: 0 };
  // A period rarely fits the profile length exactly, so a peak is counted with its two neighbouring bins.
  let peak = 0,
    peakK = 0;
  for (let k = kMin; k <= kMax; k++) {
    const p = power[k - 1] + power[k] + power[k + 1];
    if (p > peak) [peak, peakK] = [p, k];
  }
  let total = 0;
  for (let k = 1; k <= n / 2; k++) total += power[k];
  const periodicity = total > 0 ? peak / total : 0;
  const coherence = phaseCoherence(strips, peakK);
  // Undo the Hann window's coherent gain (1/2) and the difference filter's gain (2 sin(pi k / n)).
  const amplitude = (2 * Math.sqrt(peak)) / n / 0.5 / (2 * Math.sin((Math.PI * peakK) / n));
  return { strength: periodicity * coherence, periodicity, coherence, amplitude, period: n / peakK };
}

/** |sum of the strips' Fourier coefficients|^2 / (strips * sum of |coefficient|^2) over the peak bins: 1 in phase. */
function phaseCoherence(strips: Float64Array[], peakK: number): number {
  // [re, im] at peakK - 1, peakK, peakK + 1 for each strip.
  const coefficients = new Float64Array(6 * STRIPS);
  strips.forEach((p, s) => coefficientsAround(p, peakK, coefficients.subarray(6 * s, 6 * s + 6)));
  let coherent = 0,
    total = 0;
  for (let bin = 0; bin < 3; bin++) {
    let sumRe = 0,
      sumIm = 0;
    for (let s = 0; s < STRIPS; s++) {
      const re = coefficients[6 * s + 2 * bin],
        im = coefficients[6 * s + 2 * bin + 1];
      sumRe += re;
      sumIm += im;
      total += re * re + im * im;
    }
    coherent += sumRe * sumRe + sumIm * sumIm;
  }
  return total > 0 ? coherent / (STRIPS * total) : 0;
}

/** First differences of the profile's central n samples (the first one against the sample before, if any). */
function centralDifference(profile: Float64Array, offset: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = offset ? 0 : 1; i < n; i++) out[i] = profile[offset + i] - profile[offset + i - 1];
  return out;
}
