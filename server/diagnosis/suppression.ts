import "server-only";
import type { FindingCode } from "@/shared/finding-codes";
import type { CheckResult } from "./types";

/**
 * One fault often trips several checks: a solid "NO SIGNAL" screen is also flat, dark and unchanging; an
 * underexposed frame also has a narrow histogram and hides edges; something in front of the lens darkens the
 * frame. Operators need the root cause, so findings are taken in ROOT_CAUSE_ORDER and each one silences the
 * symptoms it explains. A suppressed finding silences nothing itself.
 */
export const ROOT_CAUSE_ORDER: FindingCode[] = [
  "signal_loss",
  "occlusion",
  "too_dark",
  "too_bright",
  "mosaic",
  "garbled",
  "stripe",
  "noise",
  "low_contrast",
  "color_cast",
  "shake",
  "blur",
  "freeze",
  "scene_change",
];

export const EXPLAINS: Partial<Record<FindingCode, FindingCode[]>> = {
  // A generated screen explains every other symptom, including "no change" and "different from before".
  signal_loss: ROOT_CAUSE_ORDER.filter((code) => code !== "signal_loss"),
  // The object darkens the frame, flattens its histogram, hides edges and changes the view; what is left
  // visible is too small a sample of the scene to judge its colour balance.
  occlusion: ["too_dark", "low_contrast", "blur", "color_cast", "scene_change"],
  // Underexposure compresses contrast and colour, and quantisation wipes out fine detail.
  too_dark: ["low_contrast", "blur", "noise", "color_cast", "scene_change"],
  // Clipping flattens highlights, distorts hue and amplified gain lifts noise.
  too_bright: ["low_contrast", "blur", "noise", "color_cast", "scene_change"],
  // Bands are high-frequency energy, which the noise estimator sees too, and their edges swamp the
  // edge-based colour estimate.
  stripe: ["noise", "color_cast"],
  // Flat blocks take away fine detail and local contrast (mosaic against garbled: settleBlockFaults).
  mosaic: ["blur", "low_contrast"],
  // Blocks copied from wrong places in wrong colours: their seams are edges the stripe and noise measures
  // see, their colours skew the colour balance, smeared rows lose detail, flat copied blocks look pixelated.
  garbled: ["stripe", "noise", "color_cast", "blur"],
  // A moving camera smears the exposure, and a displaced picture no longer matches the earlier layout.
  shake: ["blur", "scene_change"],
  // Strong noise is drawn independently in each channel: the brightest value of each channel is a noise peak,
  // so the whites (and with them the colour-balance estimate) say nothing about the light.
  noise: ["color_cast"],
  // A compressed histogram leaves little edge energy after compression.
  low_contrast: ["blur"],
};

/**
 * Look-alikes settled before the order below applies. Mosaic and a garbled decode each look like the other in part: a pixelated frame's block edges are seams, a
 * broken decode paints flat blocks. When both checks fire, the fault that covers more of the frame (mosaic's
 * share of tiles against garbled's share of broken macroblocks, both fractions of the picture) is the root
 * cause; the other one is dropped before the order below applies.
 */
export function settleBlockFaults(abnormal: Set<FindingCode>, checks: Partial<Record<FindingCode, CheckResult>>): void {
  if (abnormal.has("garbled") && abnormal.has("stripe") && stripesLookSmeared(checks)) abnormal.delete("garbled");
  if (!abnormal.has("mosaic") || !abnormal.has("garbled")) return;
  const mosaic = checks.mosaic?.metrics.areaFraction ?? 0;
  const garbled = checks.garbled?.metrics.brokenFraction ?? 0;
  abnormal.delete(mosaic >= garbled ? "garbled" : "mosaic");
}

/**
 * Vertical bands make every row of a smooth area repeat the one above, which is what a decoder's smear looks
 * like; a smear row is the scene's last good row, never periodic. So when the frame carries vertical stripes and
 * the garbled evidence is mostly smears (not seams of copied blocks), the stripes are the fault.
 */
export function stripesLookSmeared(checks: Partial<Record<FindingCode, CheckResult>>): boolean {
  const garbled = checks.garbled?.metrics;
  return checks.stripe?.metrics.vertical === 1 && garbled !== undefined && garbled.smearBlocks >= garbled.seamBlocks;
}

export function rootCauses(abnormal: Set<FindingCode>): FindingCode[] {
  const silenced = new Set<FindingCode>();
  const findings: FindingCode[] = [];
  for (const code of ROOT_CAUSE_ORDER) {
    if (!abnormal.has(code) || silenced.has(code)) continue;
    findings.push(code);
    for (const symptom of EXPLAINS[code] ?? []) silenced.add(symptom);
  }
  return findings;
}
