import "server-only";
import { FRAME_CHECKS, isFindingCode, type FindingCode } from "@/shared/finding-codes";
import { cellGrid } from "./cells";
import { checkLowContrast } from "./contrast";
import { checkColorCast } from "./color-cast";
import { decodeFrame, makeThumbnail, type Frame } from "./decode";
import { checkTooBright, checkTooDark } from "./exposure";
import { makeFingerprint, parseFingerprint } from "./fingerprint";
import { checkNoise } from "./noise";
import { checkOcclusion } from "./occlusion";
import { checkBlur } from "./sharpness";
import { checkSignalLoss } from "./signal-loss";
import { checkStripe } from "./stripe";
import { judgeAgainstReference, type FrameReference } from "./reference";
import { rootCauses, settleBlockFaults } from "./suppression";
import { checkGarbled } from "./garbled";
import { checkMosaic } from "./mosaic";
import { checkShake } from "./shake";
import { checkFreeze, checkSceneChange, parseHistory } from "./temporal";
import { resolveThresholds, type DeepPartial, type Thresholds } from "./thresholds";
import type { CheckResult } from "./types";

export interface AnalyzeOptions {
  /** Checks to run; default all frame checks. `offline` is ignored (it is decided by the grabber). */
  checks?: FindingCode[];
  thresholds?: DeepPartial<Thresholds>;
  /** Fingerprints of this camera's earlier frames, oldest first. Unreadable entries are skipped. */
  history?: Buffer[];
  /** The camera's taught normal ("设为基准画面"): see reference.ts. */
  reference?: FrameReference;
  thumbnail?: boolean;
}

export interface FrameAnalysis {
  width: number;
  height: number;
  /** Abnormal checks after root-cause suppression, in root-cause order. */
  findings: FindingCode[];
  checks: Partial<Record<FindingCode, CheckResult>>;
  fingerprint: Buffer;
  thumbnail?: Buffer;
}

type SingleFrameCheck = (frame: Frame, t: Thresholds) => CheckResult;

const SINGLE_FRAME: Partial<Record<FindingCode, SingleFrameCheck>> = {
  signal_loss: (f, t) => checkSignalLoss(f, t.signal_loss),
  occlusion: (f, t) => checkOcclusion(f, t.occlusion),
  too_dark: (f, t) => checkTooDark(f, t.too_dark),
  too_bright: (f, t) => checkTooBright(f, t.too_bright),
  stripe: (f, t) => checkStripe(f, t.stripe),
  noise: (f, t) => checkNoise(f, t.noise),
  low_contrast: (f, t) => checkLowContrast(f, t.low_contrast),
  color_cast: (f, t) => checkColorCast(f, t.color_cast),
  blur: (f, t) => checkBlur(f, t.blur),
  mosaic: (f, t) => checkMosaic(f, t.mosaic),
  garbled: (f, t) => checkGarbled(f, t.garbled),
};

/** Checks that compare the frame with the camera's earlier fingerprints. */
const TEMPORAL: FindingCode[] = ["freeze", "scene_change", "shake"];

/**
 * Decodes one frame and runs the requested checks. Throws FrameDecodeError for bytes that are not an image
 * and TypeError for invalid options; everything else is a plain result.
 */
export async function analyzeFrame(image: Buffer, options: AnalyzeOptions = {}): Promise<FrameAnalysis> {
  // Options are validated before the decode: a bad request fails fast, whatever the image.
  thresholdsOf(options);
  selectChecks(options.checks);
  return analyzeDecodedFrame(await decodeFrame(image), options);
}

/**
 * The checks on a frame already decoded by decodeFrame. Lets a caller with many frames decode the next one
 * (in libvips' thread) while this one is checked (on the JS thread): see diagnose-paths.ts.
 */
export async function analyzeDecodedFrame(frame: Frame, options: AnalyzeOptions = {}): Promise<FrameAnalysis> {
  const thresholds = thresholdsOf(options);
  const wanted = selectChecks(options.checks);
  const fingerprint = makeFingerprint(frame, cellGrid(frame).mean);

  const checks: Partial<Record<FindingCode, CheckResult>> = {};
  for (const code of wanted) {
    const run = SINGLE_FRAME[code];
    if (run) checks[code] = run(frame, thresholds);
  }
  if (wanted.some((code) => TEMPORAL.includes(code))) {
    const current = parseFingerprint(fingerprint)!;
    const history = parseHistory(options.history);
    if (wanted.includes("freeze")) checks.freeze = checkFreeze(current, history, thresholds.freeze);
    if (wanted.includes("scene_change"))
      checks.scene_change = checkSceneChange(current, history, thresholds.scene_change, thresholds.shake);
    if (wanted.includes("shake")) checks.shake = checkShake(current, history, thresholds.shake);
  }

  if (options.reference) judgeAgainstReference(checks, parseFingerprint(fingerprint)!, options.reference, thresholds);
  const abnormal = new Set(wanted.filter((code) => checks[code]?.abnormal));
  settleBlockFaults(abnormal, checks);
  return {
    width: frame.width,
    height: frame.height,
    findings: rootCauses(abnormal),
    checks,
    fingerprint,
    // A frame that decodes but cannot be made into a thumbnail still gets its checks: the result
    // is worth more than its picture (the caller sees the missing thumbnail and logs it).
    ...(options.thumbnail ? { thumbnail: await makeThumbnail(frame).catch(() => undefined) } : {}),
  };
}

/**
 * The defaults resolved once: resolving copies them (structuredClone), and nearly every frame uses them. Frozen,
 * since every analysis without overrides now shares this one object: a check that wrote to its thresholds would
 * otherwise change them for all later frames instead of throwing.
 */
const DEFAULT_RESOLVED = Object.freeze(
  Object.fromEntries(Object.entries(resolveThresholds()).map(([check, values]) => [check, Object.freeze(values)])),
) as Thresholds;

function thresholdsOf(options: AnalyzeOptions): Thresholds {
  return options.thresholds === undefined ? DEFAULT_RESOLVED : resolveThresholds(options.thresholds);
}

function selectChecks(requested: FindingCode[] | undefined): FindingCode[] {
  if (requested === undefined) return FRAME_CHECKS;
  if (!Array.isArray(requested)) throw new TypeError("checks must be an array of finding codes");
  for (const code of requested) if (!isFindingCode(code)) throw new TypeError(`unknown check: ${String(code)}`);
  return FRAME_CHECKS.filter((code) => requested.includes(code));
}
