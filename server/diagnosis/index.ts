import "server-only";

/** EasySight image-diagnosis engine: pure functions from frame bytes (and earlier fingerprints) to findings. */
export { FINDING_CODES, FRAME_CHECKS, isFindingCode, type FindingCode } from "@/shared/finding-codes";
export { DEFAULT_THRESHOLDS, resolveThresholds, type DeepPartial, type Thresholds } from "./thresholds";
export type { CheckResult } from "./types";
export { analyzeFrame, type AnalyzeOptions, type FrameAnalysis } from "./analyze";
export type { FrameReference } from "./reference";
export { diagnosePaths, type PathDiagnosis } from "./diagnose-paths";
export { FrameDecodeError } from "./decode";
export { ROOT_CAUSE_ORDER } from "./suppression";
