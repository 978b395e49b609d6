import "server-only";
import type { AcknowledgementView } from "./open-acknowledgements";

/** The acknowledgements in force on a camera, in the REST API's snake_case. */
export const toAcknowledgementsResponse = (cameraId: number, acks: Record<string, AcknowledgementView>) => ({
  camera_id: cameraId,
  acknowledged: Object.values(acks).map((a) => ({
    code: a.code,
    acknowledged_at: a.acknowledgedAt.toISOString(),
    acknowledged_by: a.actorLabel,
    note: a.note,
  })),
});
