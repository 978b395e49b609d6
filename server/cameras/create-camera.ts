import "server-only";
import { getDb } from "@/server/db/client";
import { sealSecret } from "@/server/secrets/seal-secret";
import { createCameraInput, type CreateCameraInput } from "./camera-input";
import { explainNameTaken } from "./camera-name-taken";
import { cameraViewSelect, toCameraView, type CameraView } from "./camera-view";
import { checkSource } from "./check-source";

export async function createCamera(raw: CreateCameraInput): Promise<CameraView> {
  const input = createCameraInput.parse(raw);
  const credentialsGiven = input.sourceUsername != null || input.sourcePassword != null;
  const source = await checkSource(
    {
      sourceType: input.sourceType,
      sourceUri: input.sourceUri,
      sourceUsername: input.sourceUsername ?? null,
      sourcePassword: input.sourcePassword ?? null,
    },
    credentialsGiven,
  );
  const db = await getDb();
  const row = await db.camera
    .create({
      data: {
        name: input.name,
        location: input.location ?? null,
        grabTimeoutMs: input.grabTimeoutMs,
        rtspTransport: input.rtspTransport,
        isActive: input.isActive,
        ...source,
        sourcePassword: source.sourcePassword === null ? null : sealSecret(source.sourcePassword),
      },
      select: cameraViewSelect,
    })
    .catch((err) => {
      throw explainNameTaken(err, input.name);
    });
  return toCameraView(row);
}
