import "server-only";
import fs from "node:fs/promises";
import type { CameraSourceType } from "@/server/db/generated/enums";
import { badRequest } from "@/server/errors";
import { resolveSourcePath } from "./source-path";
import { splitCredentials } from "./source-url";

export interface SourceFields {
  sourceType: CameraSourceType;
  sourceUri: string;
  sourceUsername: string | null;
  sourcePassword: string | null;
}

const PATH_KIND = { image_file: "an image file", image_folder: "a folder", video_file: "a video file" } as const;
const URL_PROTOCOLS = { http_snapshot: ["http:", "https:"], rtsp: ["rtsp:", "rtsps:"] } as const;
const URL_SHAPE = { http_snapshot: "an http:// or https:// URL", rtsp: "an rtsp:// or rtsps:// URL" } as const;

/**
 * Checks a camera source and returns it as stored: a URL never keeps `user:pass@` (the credentials
 * move to their own fields), file sources carry no credentials, and a path must exist as the right
 * kind, so that a typo is caught here rather than reported later as an "offline" camera.
 * `credentialsGiven`: the caller set a username or password in this request, besides the URL.
 */
export async function checkSource(source: SourceFields, credentialsGiven: boolean): Promise<SourceFields> {
  const { sourceType: type } = source;
  if (type === "http_snapshot" || type === "rtsp") return checkUrl(type, source, credentialsGiven);
  const kind = PATH_KIND[type];
  const must = `${type === "video_file" ? "A" : "An"} ${type} source must be a path to ${kind}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source.sourceUri)) throw badRequest(`${must}, not a URL.`);
  if (credentialsGiven) throw badRequest("Only http_snapshot and rtsp sources take a username and password.");
  const absolute = resolveSourcePath(source.sourceUri);
  const stat = await fs.stat(absolute).catch(() => null);
  if (!stat) throw badRequest(`${must}; ${absolute} does not exist.`);
  if (type === "image_folder" && !stat.isDirectory()) throw badRequest(`${must}; ${absolute} is not a folder.`);
  if (type !== "image_folder" && !stat.isFile())
    throw badRequest(`${must}; ${absolute} is ${stat.isDirectory() ? "a folder" : "not a regular file"}.`);
  return { sourceType: type, sourceUri: source.sourceUri, sourceUsername: null, sourcePassword: null };
}

function checkUrl(type: "http_snapshot" | "rtsp", source: SourceFields, credentialsGiven: boolean): SourceFields {
  const must = `An ${type} source must be ${URL_SHAPE[type]}`;
  let url: URL;
  try {
    url = new URL(source.sourceUri);
  } catch {
    throw badRequest(`${must}.`);
  }
  if (!(URL_PROTOCOLS[type] as readonly string[]).includes(url.protocol) || !url.hostname) throw badRequest(`${must}.`);
  const split = splitCredentials(source.sourceUri);
  if (split.username === null && split.password === null) return { ...source, sourceUri: split.uri };
  if (credentialsGiven) throw badRequest("Give the credentials either in the URL or as username and password, not both.");
  return { sourceType: type, sourceUri: split.uri, sourceUsername: split.username, sourcePassword: split.password };
}
