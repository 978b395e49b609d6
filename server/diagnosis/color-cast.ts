import "server-only";
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
  const white = whitePatch(frame.rgb, frame.w, frame.h);
  const rg = (edge.rg + white.rg) / 2;
  const bg = (edge.bg + white.bg) / 2;
  const cast = Math.hypot(rg, bg);
  return {
    code: "color_cast",
    abnormal: cast >= t.minCast,
    score: rampScore(cast, 0.05, t.minCast, 1),
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

/** Every SAMPLE_STEP-th row and column: a cast is a property of the whole frame. */
const SAMPLE_STEP = 3;
/**
 * Gradients are taken across +-EDGE_REACH work-plane pixels (about +-6 source pixels): JPEG keeps colour at
 * half resolution and quantises it hard, so fine edges carry the luma change but not the colour ratio.
 */
const EDGE_REACH = 3;

/** Mean absolute central-difference gradient per channel. */
function grayEdge(rgb: Uint8Array, w: number, h: number): Chroma {
  let r = 0,
    g = 0,
    b = 0;
  const dx = 3 * EDGE_REACH;
  const dy = 3 * w * EDGE_REACH;
  for (let y = EDGE_REACH; y < h - EDGE_REACH; y += SAMPLE_STEP) {
    for (let x = EDGE_REACH, j = 3 * (y * w + x); x < w - EDGE_REACH; x += SAMPLE_STEP, j += 3 * SAMPLE_STEP) {
      r += Math.abs(rgb[j + dx] - rgb[j - dx]) + Math.abs(rgb[j + dy] - rgb[j - dy]);
      g += Math.abs(rgb[j + dx + 1] - rgb[j - dx + 1]) + Math.abs(rgb[j + dy + 1] - rgb[j - dy + 1]);
      b += Math.abs(rgb[j + dx + 2] - rgb[j - dx + 2]) + Math.abs(rgb[j + dy + 2] - rgb[j - dy + 2]);
    }
  }
  return chroma(r, g, b);
}

function whitePatch(rgb: Uint8Array, w: number, h: number): Chroma {
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let y = 0; y < h; y += SAMPLE_STEP) {
    for (let j = 3 * y * w, end = 3 * (y + 1) * w; j < end; j += 3 * SAMPLE_STEP) {
      hist[0][rgb[j]]++;
      hist[1][rgb[j + 1]]++;
      hist[2][rgb[j + 2]]++;
    }
  }
  const [r, g, b] = hist.map((channel) => histogramPercentile(channel, 0.99));
  return chroma(r, g, b);
}
