import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";
import { openSecret, sealSecret } from "@/server/secrets/seal-secret";
import { updateCameraInput, type UpdateCameraInput } from "./camera-input";
import { explainNameTaken } from "./camera-name-taken";
import { cameraViewSelect, toCameraView, type CameraView } from "./camera-view";
import { checkSource, type SourceFields } from "./check-source";

/**
 * Changes what the input names and keeps the rest. The source is checked again whenever its type,
 * URI or credentials change; switching to a file source drops stored credentials.
 */
export async function updateCamera(raw: UpdateCameraInput): Promise<CameraView> {
  const { id, name, location, grabTimeoutMs, rtspTransport, isActive, ...patch } = updateCameraInput.parse(raw);
  const db = await getDb();
  const current = await db.camera.findUnique({ where: { id } });
  if (!current) throw notFound(`摄像头 ${id} 不存在 (camera ${id} does not exist).`);
  const sourceChanges = Object.values(patch).some((v) => v !== undefined);
  const source = sourceChanges
    ? await checkSource(
        {
          sourceType: patch.sourceType ?? current.sourceType,
          sourceUri: patch.sourceUri ?? current.sourceUri,
          sourceUsername: patch.sourceUsername !== undefined ? patch.sourceUsername : current.sourceUsername,
          sourcePassword: patch.sourcePassword !== undefined ? patch.sourcePassword : openStored(current.sourcePassword),
        },
        patch.sourceUsername != null || patch.sourcePassword != null,
      )
    : {};
  const row = await db.camera
    .update({
      where: { id },
      data: { name, location, grabTimeoutMs, rtspTransport, isActive, ...sealed(source) },
      select: cameraViewSelect,
    })
    .catch((err) => {
      throw explainNameTaken(err, name);
    });
  return toCameraView(row);
}

/** The stored password in the clear, to check the source again; null when it no longer opens (a new one must be given). */
function openStored(stored: string | null): string | null {
  if (stored === null) return null;
  try {
    return openSecret(stored);
  } catch {
    return null;
  }
}

/** The checked source as stored: the password sealed. */
function sealed(source: Partial<SourceFields>): Partial<SourceFields> {
  return source.sourcePassword ? { ...source, sourcePassword: sealSecret(source.sourcePassword) } : source;
}
