import "server-only";
import type { CameraSourceType } from "@/server/db/generated/enums";
import { badRequest } from "@/server/errors";
import { grabErrorSentence } from "@/shared/grab-error-codes";
import { GrabError } from "./grab-error";
import { statSource } from "./image-bytes";
import { resolveCameraHost } from "./source-address";
import { resolveSourcePath } from "./source-path";
import { splitCredentials } from "./source-url";

export interface SourceFields {
  sourceType: CameraSourceType;
  sourceUri: string;
  sourceUsername: string | null;
  sourcePassword: string | null;
}

const PATH_KIND = {
  image_file: { zh: "图片文件的路径", en: "a path to an image file" },
  image_folder: { zh: "文件夹的路径", en: "a path to a folder" },
  video_file: { zh: "视频文件的路径", en: "a path to a video file" },
} as const;
const URL_PROTOCOLS = { http_snapshot: ["http:", "https:"], rtsp: ["rtsp:", "rtsps:"] } as const;
const URL_SHAPE = {
  http_snapshot: { zh: " http:// 或 https:// 地址", en: "an http:// or https:// URL" },
  rtsp: { zh: " rtsp:// 或 rtsps:// 地址", en: "an rtsp:// or rtsps:// URL" },
} as const;

// Which input a refusal is about, as the camera form names its fields (validation errors carry theirs the same way).
const SOURCE_FIELD = { field: "sourceUri" };
const CREDENTIALS_FIELD = { field: "sourceUsername" };

/**
 * Checks a camera source and returns it as stored: a URL never keeps `user:pass@` (the credentials
 * move to their own fields) and never points at a denied address; file sources carry no credentials
 * and must lie inside CAMERA_FILES_ROOT and exist as the right kind, so that a typo is caught here
 * rather than reported later as an "offline" camera. Grabs check the same rules again.
 * `credentialsGiven`: the caller set a username or password in this request, besides the URL.
 */
export async function checkSource(source: SourceFields, credentialsGiven: boolean): Promise<SourceFields> {
  const { sourceType: type } = source;
  if (type === "http_snapshot" || type === "rtsp") return checkUrl(type, source, credentialsGiven);
  const kind = PATH_KIND[type];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.sourceUri))
    throw badRequest(`${type} 类型的视频源必须是${kind.zh}，而不是网址 (a ${type} source must be ${kind.en}, not a URL).`, SOURCE_FIELD);
  if (credentialsGiven)
    throw badRequest(
      "只有 http_snapshot 和 rtsp 视频源需要用户名和密码 (only http_snapshot and rtsp sources take a username and password).",
      CREDENTIALS_FIELD,
    );
  const real = await resolveSourcePath(source.sourceUri).catch(refuse);
  const stat = await statSource(real).catch(refuse);
  if (type === "image_folder" && !stat.isDirectory()) throw refuse(new GrabError("not_folder"));
  if (type !== "image_folder" && !stat.isFile()) throw refuse(new GrabError("not_file"));
  return { sourceType: type, sourceUri: source.sourceUri, sourceUsername: null, sourcePassword: null };
}

async function checkUrl(type: "http_snapshot" | "rtsp", source: SourceFields, credentialsGiven: boolean): Promise<SourceFields> {
  const must = `${type} 类型的视频源必须是${URL_SHAPE[type].zh} (an ${type} source must be ${URL_SHAPE[type].en}).`;
  let url: URL;
  try {
    url = new URL(source.sourceUri);
  } catch {
    throw badRequest(must, SOURCE_FIELD);
  }
  if (!(URL_PROTOCOLS[type] as readonly string[]).includes(url.protocol) || !url.hostname) throw badRequest(must, SOURCE_FIELD);
  // A host that does not resolve yet may be a camera still being installed; a denied one never is.
  await resolveCameraHost(url.hostname).catch((err) => {
    if (!(err instanceof GrabError && err.code === "unknown_host")) throw refuse(err);
  });
  const split = splitCredentials(source.sourceUri);
  if (split.username === null && split.password === null) return { ...source, sourceUri: split.uri };
  if (credentialsGiven)
    throw badRequest(
      "用户名和密码要么写在地址里，要么单独填写，不能两者都有 (give the credentials either in the URL or as username and password, not both).",
      CREDENTIALS_FIELD,
    );
  return { sourceType: type, sourceUri: split.uri, sourceUsername: split.username, sourcePassword: split.password };
}

/** A grab error found while saving a source, as the API's 400 with the shared bilingual sentence. */
function refuse(err: unknown): never {
  if (err instanceof GrabError) throw badRequest(grabErrorSentence(err.code, err.params), { grab_error: err.code, ...SOURCE_FIELD });
  throw err;
}
