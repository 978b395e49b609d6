/** Finding codes reported by the diagnosis engine. The strings are stored and shown, so never rename one. */
export const FINDING_CODES = [
  "offline",
  "signal_loss",
  "occlusion",
  "too_dark",
  "too_bright",
  "stripe",
  "noise",
  "low_contrast",
  "color_cast",
  "blur",
  "freeze",
  "scene_change",
  "mosaic",
  "garbled",
  "shake",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** `offline` is decided by whoever grabs the frame (a failed grab); every other code is computed from frames. */
export const FRAME_CHECKS: FindingCode[] = FINDING_CODES.filter((code) => code !== "offline");

export function isFindingCode(value: unknown): value is FindingCode {
  return typeof value === "string" && (FINDING_CODES as readonly string[]).includes(value);
}
