import "server-only";
import { getDb } from "@/server/db/client";
import type { Prisma } from "@/server/db/generated/client";
import type { Severity } from "@/shared/finding-severity";
import { findingSeverities, readChecks } from "./result-view";

/** One finding a camera shows now: a finding of the newest result of an active camera. */
export interface CurrentFinding {
  cameraId: number;
  code: string;
  severity: Severity;
  /** Someone took it on ("已确认"); otherwise it is open. */
  acknowledged: boolean;
}

/**
 * What the cameras show now, for metrics and alert rules: the findings of each active camera's newest
 * result. One index lookup per camera on (camera_id, created_at), however long the history is.
 */
export async function currentFindings(): Promise<CurrentFinding[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<Array<{ camera_id: number; findings: string[]; checks: Prisma.JsonValue; acknowledged: string[] }>>`
    SELECT c.id AS camera_id, r.findings, r.checks,
      ARRAY(SELECT code FROM finding_acknowledgements a WHERE a.camera_id = c.id AND a.ended_at IS NULL) AS acknowledged
    FROM cameras c
    CROSS JOIN LATERAL (
      SELECT findings, checks FROM diagnosis_results WHERE camera_id = c.id
      ORDER BY created_at DESC, id DESC LIMIT 1
    ) r
    WHERE c.is_active AND cardinality(r.findings) > 0`;
  return rows.flatMap((r) => {
    const { severities } = findingSeverities(r.findings, readChecks(r.checks));
    return r.findings.map((code) => ({
      cameraId: r.camera_id,
      code,
      severity: severities[code],
      acknowledged: r.acknowledged.includes(code),
    }));
  });
}

/** How many open (not acknowledged) findings have this severity (each finding of each camera counts once). */
export const countOpenBySeverity = (findings: CurrentFinding[], severity: Severity) =>
  findings.filter((f) => f.severity === severity && !f.acknowledged).length;
