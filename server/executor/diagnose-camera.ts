import "server-only";
import { analyzeFrame, type FindingCode, type FrameReference } from "@/server/diagnosis";
import type { CameraSource } from "@/server/cameras/camera-source";
import { grabFrame, GrabError } from "@/server/cameras/grab-frame";
import { logger } from "@/server/logging/logger";
import type { ResultRow } from "./fenced-writes";

export interface CameraJob {
  camera: CameraSource & { name: string };
  checks: FindingCode[];
  thresholds: unknown;
  /** This camera's earlier fingerprints, oldest first. */
  history: Buffer[];
  /** The camera's taught normal, if someone set one. */
  reference?: FrameReference;
}

/**
 * One camera of one run: grab a frame, analyse it. A camera that cannot be reached, or sends bytes
 * that are not an image, gives an `error` result with the finding `offline`: that camera fails,
 * the run goes on with the next one.
 */
export async function diagnoseCamera(job: CameraJob, signal: AbortSignal, onAnalysing?: () => void): Promise<ResultRow> {
  const base = { cameraId: job.camera.id, thumbnail: null, frameWidth: null, frameHeight: null, fingerprint: null };
  let image: Buffer;
  try {
    image = (await grabFrame(job.camera, { signal })).image;
  } catch (err) {
    if (signal.aborted) throw signal.reason;
    const grabError = err instanceof GrabError ? err : new GrabError("failed");
    if (!(err instanceof GrabError)) logger.warn({ err, cameraId: job.camera.id }, "frame grab failed");
    return {
      ...base,
      verdict: "error",
      findings: ["offline"],
      checks: {},
      error: grabError.message,
      errorCode: grabError.code,
      errorParams: grabError.params,
    };
  }
  onAnalysing?.();
  try {
    const analysis = await analyzeFrame(image, {
      checks: job.checks,
      thresholds: (job.thresholds ?? {}) as never,
      history: job.history,
      reference: job.reference,
      thumbnail: true,
    });
    if (!analysis.thumbnail)
      logger.warn({ cameraId: job.camera.id }, "no thumbnail could be made of this frame; the result is stored without one");
    return {
      cameraId: job.camera.id,
      verdict: analysis.findings.length ? "abnormal" : "ok",
      findings: analysis.findings,
      checks: analysis.checks,
      error: null,
      thumbnail: analysis.thumbnail ?? null,
      frameWidth: analysis.width,
      frameHeight: analysis.height,
      fingerprint: analysis.fingerprint,
    };
  } catch (err) {
    logger.warn({ err, cameraId: job.camera.id }, "frame could not be analysed");
    return {
      ...base,
      verdict: "error",
      findings: ["offline"],
      checks: {},
      error: new GrabError("not_image").message,
      errorCode: "not_image",
      errorParams: {},
    };
  }
}
