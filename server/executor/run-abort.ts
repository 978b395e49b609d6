import "server-only";

/** Why a run's AbortController fired. The run decides what to write (or not) from this. */
export type RunAbortReason = "max_runtime" | "superseded" | "shutdown" | "stalled" | "force_reset";

export class RunAborted extends Error {
  constructor(
    readonly reason: RunAbortReason,
    message: string,
  ) {
    super(message);
    this.name = "RunAborted";
  }
}

export const abortReasonOf = (signal: AbortSignal): RunAbortReason | undefined =>
  signal.reason instanceof RunAborted ? signal.reason.reason : undefined;
