import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { Severity } from "@/shared/finding-severity";
import type { GrabErrorCode, GrabErrorParams } from "@/shared/grab-error-codes";
import { openAcknowledgements, type AcknowledgementView } from "@/server/findings/open-acknowledgements";
import { findingSeverities, readChecks, readGrabError, type Verdict } from "./result-view";

/** What a camera list shows of a camera's most recent result. */
export interface LatestResult {
  id: string;
  taskId: number;
  createdAt: Date;
  verdict: Verdict;
  findings: string[];
  severities: Record<string, Severity>;
  severity: Severity | null;
  /** The findings someone acknowledged ("已确认"), by code; the other findings are open. */
  acknowledged: Record<string, AcknowledgementView>;
  error: string | null;
  errorCode: GrabErrorCode | null;
  errorParams: GrabErrorParams | null;
  hasThumbnail: boolean;
}

interface Row {
  camera_id: number;
  id: bigint;
  task_id: number;
  created_at: Date;
  verdict: string;
  findings: string[];
  checks: Prisma.JsonValue;
  error: string | null;
  error_code: string | null;
  error_params: Prisma.JsonValue | null;
  has_thumbnail: boolean;
}

/**
 * The newest result of each camera, keyed by camera id (cameras without results are absent). One
 * index lookup per camera on (camera_id, created_at), however long the history is.
 */
export async function latestResultsByCamera(cameraIds: number[]): Promise<Map<number, LatestResult>> {
  if (cameraIds.length === 0) return new Map();
  const db = await getDb();
  const [rows, acks] = await Promise.all([
    db.$queryRaw<Row[]>`
    SELECT c.id AS camera_id, r.id, r.task_id, r.created_at, r.verdict, r.findings, r.checks, r.error, r.error_code, r.error_params, r.has_thumbnail
    FROM unnest(${cameraIds}::int[]) AS c(id)
    CROSS JOIN LATERAL (
      SELECT id, task_id, created_at, verdict, findings, checks, error, error_code, error_params, thumbnail IS NOT NULL AS has_thumbnail
      FROM diagnosis_results WHERE camera_id = c.id
      ORDER BY created_at DESC, id DESC LIMIT 1
    ) r`,
    openAcknowledgements(cameraIds),
  ]);
  return new Map(
    rows.map((r) => [
      r.camera_id,
      {
        id: r.id.toString(),
        taskId: r.task_id,
        createdAt: r.created_at,
        verdict: r.verdict as Verdict,
        findings: r.findings,
        ...findingSeverities(r.findings, readChecks(r.checks)),
        acknowledged: shownOf(acks.get(r.camera_id), r.findings),
        error: r.error,
        ...readGrabError(r.error_code, r.error_params),
        hasThumbnail: r.has_thumbnail,
      },
    ]),
  );
}

/** The acknowledgements of the findings a result shows (one may be in force for a finding hidden now). */
function shownOf(acks: Record<string, AcknowledgementView> | undefined, findings: string[]): Record<string, AcknowledgementView> {
  return Object.fromEntries(findings.flatMap((code) => (acks?.[code] ? [[code, acks[code]]] : [])));
}
