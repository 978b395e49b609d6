import "server-only";
import type { FindingCode } from "@/shared/finding-codes";

/** Outcome of one check on one frame. `score` is 0..1 and crosses 0.5 where the check turns abnormal. */
export interface CheckResult {
  code: FindingCode;
  abnormal: boolean;
  score: number;
  metrics: Record<string, number>;
}
