import type { Frame } from "./decode";
import type { Thresholds } from "./thresholds";
import type { CheckResult } from "./types";
import { histogramPercentile, rampScore, round } from "./stats";

/**
 * Colour cast (wrong white balance, failed IR-cut filter, a faulty colour channel). Gray-world alone cannot
 * tell a green cast from a lawn, so the illuminant is estimated from the parts of a scene that are neutral in
 * practice whatever the subject: its edges (gray-edge: mean gradient per channel; object borders are mostly
 * changes in brightness, not hue) and its brightest surfaces (white-patch: 99th percentile per channel). The
 * two estimates are averaged in log-chromaticity (ln R/G, ln B/G), where per-channel gains are a plain shift,
 * so the magnitude reads as "the channels are off by about e^x".
 */
export function checkColorCast(frame: Frame, t: Thresholds["color_cast"]): CheckResult {
  const edge = grayEdge(frame.rgb, frame.w, frame.h);
  const white = whitePatch(frame.rgb);
  const rg = (edge.rg + white.rg) / 2;
  const bg = (edge.bg + white.bg) / 2;
  const cast = Math.hypot(rg, bg);
  return {
    code: "color_cast",
    abnormal: cast >= t.minCast,
    score: rampScore(cast, 0.05, t.minCast),
    metrics: {
      cast: round(cast),
      castRG: round(rg),
      castBG: round(bg),
      edgeCast: round(Math.hypot(edge.rg, edge.bg)),
      whiteCast: round(Math.hypot(white.rg, white.bg)),
    },
  };
}

type Chroma = { rg: number; bg: number };

function chroma(r: number, g: number, b: number): Chroma {
  return { rg: Math.log((r + 1) / (g + 1)), bg: Math.log((b + 1) / (g + 1)) };
}

/** Mean absolute central-difference gradient per channel, on every other row and column (a global property). */
function grayEdge(rgb: Uint8Array, w: number, h: number): Chroma {
  let r = 0, g = 0, b = 0;
  const stride = 3 * w;
  for (let y = 1; y < h - 1; y += 2) {
    for (let x = 1, j = 3 * (y * w + 1); x < w - 1; x += 2, j += 6) {
      r += Math.abs(rgb[j + 3] - rgb[j - 3]) + Math.abs(rgb[j + stride] - rgb[j - stride]);
      g += Math.abs(rgb[j + 4] - rgb[j - 2]) + Math.abs(rgb[j + stride + 1] - rgb[j - stride + 1]);
      b += Math.abs(rgb[j + 5] - rgb[j - 1]) + Math.abs(rgb[j + stride + 2] - rgb[j - stride + 2]);
    }
  }
  return chroma(r, g, b);
}

function whitePatch(rgb: Uint8Array): Chroma {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let j = 0; j < rgb.length; j += 6) {
    hist[0][rgb[j]]++;
    hist[1][rgb[j + 1]]++;
    hist[2][rgb[j + 2]]++;
  }
  const [r, g, b] = hist.map((h) => histogramPercentile(h, 0.99));
  return chroma(r, g, b);
}
