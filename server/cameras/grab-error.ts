import "server-only";
import { grabErrorText, type GrabErrorCode, type GrabErrorParams } from "@/shared/grab-error-codes";

export { GRAB_ERROR_CODES, type GrabErrorCode, type GrabErrorParams } from "@/shared/grab-error-codes";

/**
 * A grab that produced no frame: a code and its numbers (shared/grab-error-codes.ts). The executor
 * records it as the finding `offline` with the code; `message` is the English sentence, for logs and
 * for readers of the stored text. Nothing in it comes from the camera's reply or carries credentials.
 */
export class GrabError extends Error {
  readonly params: GrabErrorParams;

  constructor(
    readonly code: GrabErrorCode,
    params: GrabErrorParams = {},
  ) {
    super(grabErrorText(code, params, "en"));
    this.name = "GrabError";
    this.params = params;
  }
}

export const isGrabError = (err: unknown): err is GrabError => err instanceof GrabError;
