import "server-only";
import { loadFrameReference } from "@/server/findings/camera-reference";
import { CAMERA_SOURCE_SELECT } from "@/server/cameras/camera-source";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/logging/logger";
import { nextRunTime, type ScheduleColumns } from "@/server/tasks/schedule";
import { isFindingCode, type FindingCode } from "@/server/diagnosis";
import { diagnoseCamera } from "./diagnose-camera";
import type { RunPhase, RunProgress } from "@/shared/run-progress";
import { finishRun, recordProgress, storeResult, FINGERPRINT_HISTORY, type RunLease } from "./fenced-writes";
import { abortReasonOf } from "./run-abort";
import { judgeRunOutcome } from "./run-outcome";
import { isGrabErrorCode } from "@/shared/grab-error-codes";
import type { CameraFailureNote, RunNote } from "@/shared/run-note";

export interface RunHandle {
  lease: RunLease;
  controller: AbortController;
  /** Database time the run started, and the local monotonic clock at that moment. */
  startedAt: Date;
  startedPerf: number;
  /** Last time the run made progress (monotonic ms); the executor stops heartbeating a stalled run. */
  progressAt: number;
  maxRuntimeMinutes: number;
  /** Where the run is (written with every heartbeat); null until it reaches its first camera. */
  progress: RunProgress | null;
}

/** The database's current time, derived from the claim's timestamp and the monotonic clock. */
const dbNow = (run: RunHandle) => new Date(run.startedAt.getTime() + (performance.now() - run.startedPerf));

/**
 * One attempt of a task: every camera in turn, results stored as they come, then complete or fail.
 * Returns when done or aborted; it never throws. After an abort for `superseded`, `shutdown` or
 * `force_reset` it writes nothing more: whoever aborted it owns the task's state.
 */
export async function runTask(run: RunHandle): Promise<void> {
  const { lease, controller } = run;
  const signal = controller.signal;
  const log = logger.child({ taskId: lease.taskId, attempt: lease.attempt });
  let schedule: ScheduleColumns | undefined;
  try {
    const db = await getDb();
    const task = await db.diagnosisTask.findUnique({
      where: { id: lease.taskId },
      select: {
        checks: true,
        thresholds: true,
        scheduleType: true,
        intervalMinutes: true,
        cronExpression: true,
        cameras: {
          select: {
            camera: {
              select: { ...CAMERA_SOURCE_SELECT, name: true },
            },
          },
          orderBy: { cameraId: "asc" },
        },
      },
    });
    if (!task) return; // deleted since the claim: nothing to write to
    schedule = task;
    const checks = task.checks.filter(isFindingCode) as FindingCode[];
    const failures: CameraFailureNote[] = [];
    const total = task.cameras.length;
    for (const [i, { camera }] of task.cameras.entries()) {
      if (signal.aborted) break;
      run.progressAt = performance.now();
      const phase = (p: RunPhase) => {
        run.progress = { index: i + 1, total, cameraId: camera.id, cameraName: camera.name, phase: p, phaseAt: dbNow(run) };
      };
      phase("grabbing");
      await recordProgress(lease, run.progress!);
      const history = await db.cameraFingerprint.findMany({
        where: { cameraId: camera.id },
        orderBy: [{ capturedAt: "desc" }, { id: "desc" }],
        take: FINGERPRINT_HISTORY,
        select: { fingerprint: true },
      });
      const row = await diagnoseCamera(
        {
          camera,
          checks,
          thresholds: task.thresholds,
          history: history.reverse().map((h) => Buffer.from(h.fingerprint)),
          reference: await loadFrameReference(camera.id),
        },
        signal,
        () => phase("analysing"),
      );
      if (signal.aborted) break;
      phase("saving");
      if (row.verdict === "error") {
        const code = isGrabErrorCode(row.errorCode) ? row.errorCode : null;
        failures.push({ camera: camera.name, code, params: code ? (row.errorParams ?? null) : null, text: code ? null : row.error });
      }
      if (!(await storeResult(lease, row))) {
        log.warn("run superseded (task reset or taken over): stopping without further writes");
        return;
      }
    }
    await finish(run, schedule, { cameraCount: task.cameras.length, failures }, log);
  } catch (err) {
    if (signal.aborted) return finish(run, schedule, { cameraCount: 0, failures: [] }, log);
    log.error({ err }, "run failed");
    const next = schedule ? await nextRunAfter(run, schedule).catch(() => null) : null;
    await finishRun(lease, { outcome: "failed", nextRunTime: next, note: { code: "run_error", message: (err as Error).message } }).catch(
      (e) => log.error({ err: e }, "could not record the failed run"),
    );
  }
}

/**
 * Writes the run's outcome: completed, partial or failed by its cameras (see judgeRunOutcome), or
 * failed when it was aborted for its max runtime. After any other abort (superseded, shutdown, force
 * reset) whoever aborted it owns the task: write nothing.
 */
async function finish(
  run: RunHandle,
  schedule: ScheduleColumns | undefined,
  cameras: { cameraCount: number; failures: CameraFailureNote[] },
  log: typeof logger,
) {
  const reason = abortReasonOf(run.controller.signal);
  if ((reason && reason !== "max_runtime") || !schedule) return;
  const next = await nextRunAfter(run, schedule);
  const minutes = run.maxRuntimeMinutes;
  const aborted: RunNote = { code: "max_runtime", minutes };
  const end =
    reason === "max_runtime"
      ? { outcome: "failed" as const, nextRunTime: next, note: aborted }
      : { ...judgeRunOutcome(cameras.cameraCount, cameras.failures), nextRunTime: next };
  try {
    if (await finishRun(run.lease, end)) log.info({ outcome: end.outcome, failedCameras: cameras.failures.length }, "run finished");
    else log.warn("run superseded before it could finish: its outcome was not written");
  } catch (err) {
    log.error({ err }, "could not record the run's outcome");
  }
}

/**
 * The next run time from the schedule as it is now (it may have been edited, or the task
 * deactivated, while this run went on); the schedule read at the start is the fallback.
 */
async function nextRunAfter(run: RunHandle, fallback: ScheduleColumns): Promise<Date | null> {
  const db = await getDb();
  const current = await db.diagnosisTask.findUnique({
    where: { id: run.lease.taskId },
    select: { isActive: true, scheduleType: true, intervalMinutes: true, cronExpression: true },
  });
  if (current && !current.isActive) return null;
  return nextRunTime(current ?? fallback, dbNow(run));
}
