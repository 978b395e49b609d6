import type { Translate } from "@/components/i18n/messages";
import type { CameraView } from "@/server/cameras/camera-view";
import { MAX_GRAB_TIMEOUT_MS, MIN_GRAB_TIMEOUT_MS } from "@/shared/camera-sources";
import type { CameraSourceType, RtspTransport } from "@/server/db/generated/enums";

export interface CameraFormValues {
  name: string;
  location: string;
  sourceType: CameraSourceType;
  sourceUri: string;
  sourceUsername: string;
  sourcePassword: string;
  clearCredentials: boolean;
  grabTimeoutMs: string;
  rtspTransport: RtspTransport;
  isActive: boolean;
}

export type CameraField = "name" | "location" | "sourceUri" | "grabTimeoutMs" | "sourceUsername";
export type FieldErrors = Partial<Record<CameraField, string>>;

export const isUrlSource = (type: CameraSourceType) => type === "http_snapshot" || type === "rtsp";
const URL_PROTOCOLS: Record<string, string[]> = { http_snapshot: ["http:", "https:"], rtsp: ["rtsp:", "rtsps:"] };

export function initialValues(camera?: CameraView): CameraFormValues {
  return {
    name: camera?.name ?? "",
    location: camera?.location ?? "",
    sourceType: camera?.sourceType ?? "http_snapshot",
    sourceUri: camera?.sourceUri ?? "",
    sourceUsername: "",
    sourcePassword: "",
    clearCredentials: false,
    grabTimeoutMs: String(camera?.grabTimeoutMs ?? 10_000),
    rtspTransport: camera?.rtspTransport ?? "auto",
    isActive: camera?.isActive ?? true,
  };
}

/**
 * The checks the server makes that can be made in the browser, with sentences in the reader's
 * language. What only the server can know (a path that does not exist, a name taken) comes back
 * from it and is shown at its field too.
 */
export function validateCamera(t: Translate, v: CameraFormValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.name.trim()) errors.name = t("cameraForm.error.nameRequired");
  else if (v.name.trim().length > 100) errors.name = t("cameraForm.error.nameLong");
  if (v.location.trim().length > 200) errors.location = t("cameraForm.error.locationLong");
  const uri = v.sourceUri.trim();
  if (!uri) errors.sourceUri = t("cameraForm.error.sourceRequired");
  else if (isUrlSource(v.sourceType)) {
    if (!URL_PROTOCOLS[v.sourceType].includes(parseUrl(uri)?.protocol ?? "") || !parseUrl(uri)?.hostname) {
      errors.sourceUri = t(v.sourceType === "rtsp" ? "cameraForm.error.rtspUrl" : "cameraForm.error.httpUrl");
    } else if (parseUrl(uri)?.username && (v.sourceUsername || v.sourcePassword)) {
      errors.sourceUsername = t("cameraForm.error.credentialsTwice");
    }
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) errors.sourceUri = t("cameraForm.error.pathNotUrl");
  const timeout = Number(v.grabTimeoutMs);
  if (!Number.isInteger(timeout) || timeout < MIN_GRAB_TIMEOUT_MS || timeout > MAX_GRAB_TIMEOUT_MS) {
    errors.grabTimeoutMs = t("cameraForm.error.timeout", { min: MIN_GRAB_TIMEOUT_MS, max: MAX_GRAB_TIMEOUT_MS });
  }
  return errors;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

const FIELDS: readonly CameraField[] = ["name", "location", "sourceUri", "grabTimeoutMs", "sourceUsername"];

/**
 * Where a refusal from the server belongs: the field its details name (validation errors and the
 * source and name checks say which input they are about), or none (the form shows it above the buttons).
 * A password refused for its length belongs with the credentials.
 */
export function serverErrorField(details: Record<string, unknown> = {}): CameraField | null {
  const field = details.field === "sourcePassword" ? "sourceUsername" : details.field;
  return FIELDS.find((f) => f === field) ?? null;
}
