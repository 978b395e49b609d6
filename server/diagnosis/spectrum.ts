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
 * The DFT coefficients X_(k-1), X_k and X_(k+1), X_j = sum x_i e^(-2 pi i j i / n), of a signal whose length is
 * a power of two, written to out as [re, im] pairs. One pass for the three: six independent sums instead of
 * three passes of two sums that each wait on their own additions. The twiddle index wraps with a mask, not a
 * compare-and-subtract, which was mispredicted often enough to cost more than the arithmetic.
 */
export function coefficientsAround(signal: Float64Array, k: number, out: Float64Array): void {
  const n = signal.length;
  if (n & (n - 1)) throw new RangeError("coefficientsAround needs a power-of-two length");
  const { cos, sin } = twiddles(n);
  const mask = n - 1;
  let re0 = 0,
    im0 = 0,
    re1 = 0,
    im1 = 0,
    re2 = 0,
    im2 = 0;
  for (let i = 0, m = 0; i < n; i++, m = (m + k) & mask) {
    const x = signal[i];
    // Twiddle indices (k - 1) i, k i and (k + 1) i, mod n.
    const m0 = (m - i) & mask;
    const m2 = (m + i) & mask;
    re0 += x * cos[m0];
    im0 -= x * sin[m0];
    re1 += x * cos[m];
    im1 -= x * sin[m];
    re2 += x * cos[m2];
    im2 -= x * sin[m2];
  }
  out[0] = re0;
  out[1] = im0;
  out[2] = re1;
  out[3] = im1;
  out[4] = re2;
  out[5] = im2;
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
