import type { FindingCode } from "./finding-codes";

/**
 * How bad a finding is. Stored results carry each check's score (0..1, 0.5 where the check turns
 * abnormal, 1 at an extreme value), so severity is derived from it the same way everywhere (results,
 * REST, tRPC, console, metrics, alerts) instead of being stored a second time.
 */
export const SEVERITIES = ["warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A score at or above this is critical: half-way from the threshold (0.5) to an extreme value (1). */
export const CRITICAL_SCORE = 0.75;

/** No picture at all: nothing else on that camera can be judged, so these are critical whatever the score. */
export const ALWAYS_CRITICAL: readonly FindingCode[] = ["offline", "signal_loss"];

export function isSeverity(value: unknown): value is Severity {
  return typeof value === "string" && (SEVERITIES as readonly string[]).includes(value);
}

/** The severity of finding `code` whose check scored `score` (undefined when the result has no score for it). */
export function findingSeverity(code: string, score: number | undefined): Severity {
  if ((ALWAYS_CRITICAL as readonly string[]).includes(code)) return "critical";
  return score !== undefined && score >= CRITICAL_SCORE ? "critical" : "warning";
}

/** Severity of every finding of a result, keyed by code, from the result's `{ code: score }`. */
export function severitiesOf(findings: readonly string[], scores: Readonly<Record<string, number>>): Record<string, Severity> {
  return Object.fromEntries(findings.map((code) => [code, findingSeverity(code, scores[code])]));
}

/** The worst severity among these, or null when there is none (a result without findings). */
export function worstSeverity(severities: Iterable<Severity>): Severity | null {
  let worst: Severity | null = null;
  for (const s of severities)
    if (s === "critical") return s;
    else worst = s;
  return worst;
}
