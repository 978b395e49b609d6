import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { severitiesOf, worstSeverity, type Severity } from "@/shared/finding-severity";
import { isGrabErrorCode, type GrabErrorCode, type GrabErrorParams } from "@/shared/grab-error-codes";

export type Verdict = "ok" | "abnormal" | "error";

/** One check of a result as the UI shows it: whether it fired, its score and its metric values. */
export interface ResultCheck {
  code: string;
  abnormal: boolean;
  score: number;
  metrics: Record<string, number>;
}

/** A diagnosis result without its image; `hasThumbnail` says whether /api/results/{id}/thumbnail has one. */
export interface ResultView {
  /** The BigInt id as a string (URLs, React keys). */
  id: string;
  taskId: number;
  taskName: string;
  cameraId: number;
  createdAt: Date;
  verdict: Verdict;
  findings: string[];
  /** Each finding's severity, keyed by its code (derived from its check's score: shared/finding-severity). */
  severities: Record<string, Severity>;
  /** The worst of `severities`; null for a result without findings. */
  severity: Severity | null;
  /** English sentence; the console shows errorCode's sentence in the reader's language instead. */
  error: string | null;
  errorCode: GrabErrorCode | null;
  errorParams: GrabErrorParams | null;
  hasThumbnail: boolean;
  frameWidth: number | null;
  frameHeight: number | null;
  checks: ResultCheck[];
}

/** Everything but the thumbnail bytes, which only the thumbnail route reads. */
export const resultViewSelect = {
  id: true,
  taskId: true,
  cameraId: true,
  createdAt: true,
  verdict: true,
  findings: true,
  error: true,
  errorCode: true,
  errorParams: true,
  frameWidth: true,
  frameHeight: true,
  checks: true,
  task: { select: { name: true } },
} satisfies Prisma.DiagnosisResultSelect;

type Row = Prisma.DiagnosisResultGetPayload<{ select: typeof resultViewSelect }>;

export function toResultView({ id, task, checks, verdict, errorCode, errorParams, ...row }: Row, hasThumbnail: boolean): ResultView {
  const list = readChecks(checks);
  return {
    ...row,
    ...readGrabError(errorCode, errorParams),
    id: id.toString(),
    taskName: task.name,
    verdict: verdict as Verdict,
    hasThumbnail,
    checks: list,
    ...findingSeverities(row.findings, list),
  };
}

/** The severities of a result's findings from its checks' scores. */
export function findingSeverities(findings: string[], checks: ResultCheck[]): Pick<ResultView, "severities" | "severity"> {
  const severities = severitiesOf(findings, Object.fromEntries(checks.map((c) => [c.code, c.score])));
  return { severities, severity: worstSeverity(Object.values(severities)) };
}

/** A stored grab error code and its numbers; rows from older versions (or unknown codes) have none. */
export function readGrabError(code: string | null, params: Prisma.JsonValue | null) {
  if (!isGrabErrorCode(code)) return { errorCode: null, errorParams: null };
  const numbers =
    params && typeof params === "object" && !Array.isArray(params)
      ? Object.fromEntries(Object.entries(params).filter((e): e is [string, string | number] => ["string", "number"].includes(typeof e[1])))
      : {};
  return { errorCode: code, errorParams: numbers };
}

/**
 * The stored `checks` JSON ({ code: { abnormal, score, metrics } }) as a list in stored order.
 * Rows written by older versions may lack fields: what is missing reads as "not abnormal, no metrics".
 */
export function readChecks(value: Prisma.JsonValue): ResultCheck[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).map(([code, raw]) => {
    const check = raw && typeof raw === "object" && !Array.isArray(raw) ? raw : {};
    const metrics = check.metrics && typeof check.metrics === "object" && !Array.isArray(check.metrics) ? check.metrics : {};
    return {
      code,
      abnormal: check.abnormal === true,
      score: typeof check.score === "number" ? check.score : 0,
      metrics: Object.fromEntries(Object.entries(metrics).filter((e): e is [string, number] => typeof e[1] === "number")),
    };
  });
}
