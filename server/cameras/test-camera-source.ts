import "server-only";
import sharp from "sharp";
import { getDb } from "@/server/db/client";
import { badRequest, notFound } from "@/server/errors";
import { grabErrorSentence } from "@/shared/grab-error-codes";
import { CAMERA_SOURCE_SELECT } from "./camera-source";
import { grabFrame } from "./grab-frame";
import { GrabError, type GrabErrorCode, type GrabErrorParams } from "./grab-error";

export interface CameraTestResult {
  ok: boolean;
  /** Size of the encoded frame. */
  bytes: number | null;
  width: number | null;
  height: number | null;
  sourceFrame: string | null;
  /** Why there is no frame: the console shows the code's sentence in the reader's language. */
  code: GrabErrorCode | null;
  params: GrabErrorParams | null;
  /** The same in English, for API readers that want a sentence. */
  error: string | null;
  /** With `preview`: a small JPEG of the grabbed frame as a data: URL, to show next to the answer. */
  preview: string | null;
}

const PREVIEW_WIDTH = 320;

/** "Grab a frame now": one grab with the camera's own timeout; a failure is an answer, not an error. */
export async function testCameraSource(id: number, options: { preview?: boolean } = {}): Promise<CameraTestResult> {
  const db = await getDb();
  const camera = await db.camera.findUnique({
    where: { id },
    select: CAMERA_SOURCE_SELECT,
  });
  if (!camera) throw notFound(`摄像头 ${id} 不存在 (camera ${id} does not exist).`);
  const failed = (err: GrabError, bytes: number | null = null): CameraTestResult => ({
    ok: false,
    bytes,
    width: null,
    height: null,
    sourceFrame: null,
    code: err.code,
    params: err.params,
    error: err.message,
    preview: null,
  });
  try {
    const frame = await grabFrame(camera);
    const meta = await sharp(frame.image)
      .metadata()
      .catch(() => null);
    if (!meta?.width || !meta.height) return failed(new GrabError("not_image"), frame.image.length);
    return {
      ok: true,
      bytes: frame.image.length,
      width: meta.width,
      height: meta.height,
      sourceFrame: frame.sourceFrame ?? null,
      code: null,
      params: null,
      error: null,
      preview: options.preview ? await previewDataUrl(frame.image, meta.width) : null,
    };
  } catch (err) {
    // A source that breaks the source rules is refused like a bad request, as when it is saved.
    if (err instanceof GrabError && (err.code === "path_not_allowed" || err.code === "address_denied"))
      throw badRequest(grabErrorSentence(err.code, err.params), { grab_error: err.code });
    if (err instanceof GrabError) return failed(err);
    throw err;
  }
}

async function previewDataUrl(image: Buffer, width: number): Promise<string> {
  const jpeg = await sharp(image)
    .rotate()
    .resize({ width: Math.min(PREVIEW_WIDTH, width) })
    .jpeg({ quality: 70 })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}
