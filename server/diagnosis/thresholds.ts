/**
 * Per-check thresholds. Units are physical so they transfer between cameras: luma levels (0..255), fractions
 * of the frame, pixels of the work plane (two source pixels for 640..3840 wide frames, see decode.ts).
 *
 * How the defaults are chosen: each check's primary threshold (the one the accuracy bench re-fits) is FITTED on
 * the public set and a tuning set of real photographs together, then rounded:
 *
 *   npx tsx bench/make-variants.ts /tmp/vqd-tune 11 2 tune-photos.txt   # Debian mate-backgrounds nature photos
 *   npx tsx bench/detectors-accuracy.ts test/fixtures/vqd-public /tmp/vqd-tune --fit
 *
 * The fit puts the threshold mid-way between the closest healthy ("must not fire") and degraded case; where
 * they overlap, at the cut with the fewest errors. Held-out photographs (plasma-workspace-wallpapers) are only
 * scored, never fitted on (README, "Image diagnosis"). The other keys are physical gates set by reasoning,
 * explained next to each. Last fitted 2026-12-07.
 */
export type Thresholds = {
  too_dark: { maxBrightLuma: number; maxMeanLuma: number };
  too_bright: { minMeanLuma: number; minBlownFraction: number; blownLevel: number };
  blur: { minEdgeSigma: number };
  color_cast: { minCast: number; minRegionalShift: number; maxNeutralShift: number; maxFoliageTint: number };
  noise: { minSigma: number; blockQuantile: number };
  low_contrast: { maxSpread: number };
  occlusion: {
    minAreaFraction: number;
    maxLuma: number;
    maxCellStd: number;
    maxLumaStep: number;
    minRestLuma: number;
    maxChroma: number;
  };
  signal_loss: { minUniformFraction: number; tolerance: number };
  stripe: { minStrength: number; minAmplitude: number; minPeriod: number; maxPeriod: number };
  freeze: { maxDifference: number; minHistory: number };
  scene_change: { minDistance: number; minJumpRatio: number; minMoveShift: number };
  mosaic: {
    minAreaFraction: number;
    minFlatShare: number;
    minStep: number;
    maxInteriorStep: number;
    minStepRatio: number;
    minEdgeShare: number;
  };
  shake: { minShift: number; minExplained: number; minProfileChange: number; minSteps: number; minMovingShare: number };
  garbled: {
    minBrokenFraction: number;
    minCoveredRows: number;
    minBoundaryStep: number;
    minBoundaryRatio: number;
    maxSmearStep: number;
    minSmearTexture: number;
  };
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export const DEFAULT_THRESHOLDS: Thresholds = {
  // 98th-percentile luma at most 73 (29 % of full scale) and mean at most 60: a scene at 22 % of its
  // exposure stays under both, a dim scene with any lit part does not.
  too_dark: { maxBrightLuma: 73, maxMeanLuma: 60 },
  // Mean luma at least 180 with at least 20 % of the frame blown out (two channels >= 245, 96 % of full scale).
  // Bright healthy scenes that are that bright on average stay under 18 %; gain x2.2 plus offset on a photograph
  // with dark parts (flowers on a dark ground) blows out only 22 % and more.
  too_bright: { minMeanLuma: 180, minBlownFraction: 0.2, blownLevel: 245 },
  // Equivalent Gaussian edge blur of the strongest edges, work-plane px (sharp frames measure 0.2-0.6, a 3x
  // up-scaled picture 0.9, soft photographs (macro, a panned shot) up to 1.19, 3.5 px source blur 1.21 and more).
  // Motion blur of the whole frame counts as blur: it costs the operator the same detail (see sharpness.ts).
  blur: { minEdgeSigma: 1.2 },
  // Tint of the whites in ln channel ratio (0.39: channels off by ~50 %; healthy scenes with any highlight stay
  // under 0.3), while even the greyest quarter of the frame's regions is shifted by 0.1 or more. Greys
  // shifted beyond 1.6 (channels off by 5x) are no white-balance fault but a subject without neutral parts
  // (a flower filling the frame): not judged. Whites short of blue only, red and green balanced, are the colour
  // of sunlit foliage (grass fills the frame: 0.6-0.7) and read as the subject up to 0.9 (see color-cast.ts).
  color_cast: { minCast: 0.39, minRegionalShift: 0.1, maxNeutralShift: 1.6, maxFoliageTint: 0.9 },
  // White-noise sigma (luma levels on the work plane) of the 10 % smoothest blocks: the part of the residual that
  // halves with the resolution (healthy frames: under 0.8, even fur or a palm canopy filling the frame, which
  // measure up to 5 before that; sigma 30 source noise: 6.8 and more).
  noise: { minSigma: 3.8, blockQuantile: 0.1 },
  // 2nd..98th percentile luma spread (most healthy scenes span 140+, but a pale close-up such as bare wood
  // spans only 49; contrast cut to 12-25 % leaves 8-52). Where a camera's scene is that flat, teach it.
  low_contrast: { maxSpread: 45 },
  // A connected region of flat (cell std <= 4), dark (<= 60) cells within 6 levels of each other covering 27 %
  // of the frame, near-neutral (channel spread <= 40), while the rest still shows a lit scene (90th percentile
  // of its cells >= 70; an underexposed frame stays under ~55).
  occlusion: { minAreaFraction: 0.27, maxLuma: 60, maxCellStd: 4, maxLumaStep: 6, minRestLuma: 70, maxChroma: 40 },
  // 93 % of the frame within +-2 luma levels of one value.
  signal_loss: { minUniformFraction: 0.93, tolerance: 2 },
  // Periodicity x phase coherence of the band profiles; amplitude in luma levels; periods in work-plane px of a
  // 640..3840 wide frame (3..16, i.e. 6..32 source px; a smaller or wider frame searches the same source periods).
  stripe: { minStrength: 0.47, minAmplitude: 3, minPeriod: 3, maxPeriod: 16 },
  // Mean absolute difference (luma levels) of sampled pixels to every earlier frame.
  freeze: { maxDifference: 0.48, minHistory: 2 },
  // 1 - correlation of normalised layout thumbnails (0.25: correlation below 0.75), and at least 3x the
  // median change between consecutive earlier frames.
  // Or the whole picture displaced once by at least minMoveShift work-plane px from every earlier frame, which
  // did not move among themselves (a camera knocked a little; see temporal.ts).
  scene_change: { minDistance: 0.25, minJumpRatio: 3, minMoveShift: 6 },
  // Share of the frame's 6x5 tiles where flat blocks sit on a grid in both directions: at least 40 % of the
  // tile's pixels flat (steps <= 1 level), boundary steps >= 2 levels and >= 4x the steps inside the blocks
  // (<= 1.5), 60 % of the boundaries carrying a step. Healthy frames, wallpapers and heavily compressed JPEGs
  // show no such tile (0 on every healthy frame of the public and tuning sets); a pixelated band over a smooth
  // photograph may show the grid on only 3 of the 30 tiles (0.1): one or two tiles already count (0.05).
  mosaic: { minAreaFraction: 0.05, minFlatShare: 0.4, minStep: 2, maxInteriorStep: 1.5, minStepRatio: 4, minEdgeShare: 0.6 },
  // Displacement between consecutive frames of at least 2 work-plane px (about 4 source px) that removes at
  // least a quarter of the change of the column/row profiles (a different scene: about a tenth), when they
  // changed at all (normalised detail >= 0.15), in at least 2 steps and half of the camera's recent steps.
  shake: { minShift: 2, minExplained: 0.25, minProfileChange: 0.15, minSteps: 2, minMovingShare: 0.5 },
  // Share of broken macroblocks (a seam >= 18 levels and >= 4x the steps inside, in luma or chroma; or rows
  // repeating with steps <= 0.75 over texture >= 4) from the most broken start row down, weighted by the root
  // of the share of rows covered (at least 15 %). Healthy frames, even block-compressed video frames, measure
  // up to 0.11; broken decodes 0.56 and more. Smears under vertical stripes are the stripes (suppression.ts).
  garbled: {
    minBrokenFraction: 0.33,
    minCoveredRows: 0.15,
    minBoundaryStep: 18,
    minBoundaryRatio: 4,
    maxSmearStep: 0.75,
    minSmearTexture: 4,
  },
};

/**
 * Merges per-check overrides onto the defaults, rejecting unknown checks/keys and non-finite numbers so a typo
 * in a stored configuration fails loudly instead of silently using a default.
 */
export function resolveThresholds(overrides?: DeepPartial<Thresholds>): Thresholds {
  const resolved = structuredClone(DEFAULT_THRESHOLDS);
  if (overrides === undefined || overrides === null) return resolved;
  if (typeof overrides !== "object") throw new TypeError("thresholds must be an object");
  for (const [check, values] of Object.entries(overrides)) {
    if (!(check in resolved)) throw new TypeError(`unknown check in thresholds: ${check}`);
    if (values === undefined) continue;
    if (typeof values !== "object" || values === null) throw new TypeError(`thresholds.${check} must be an object`);
    const target = resolved[check as keyof Thresholds] as Record<string, number>;
    for (const [key, value] of Object.entries(values)) {
      if (!(key in target)) throw new TypeError(`unknown threshold: ${check}.${key}`);
      if (value === undefined) continue;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new TypeError(`threshold ${check}.${key} must be a finite number`);
      }
      target[key] = value;
    }
  }
  return resolved;
}
