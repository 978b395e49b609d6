import "server-only";
import fs from "node:fs";
import path from "node:path";
import { searchPath } from "@/server/config/env";

export interface FoundFfmpeg {
  path: string;
  /** "system": found on PATH; "npm": the binary inside the optional package @ffmpeg-installer/<platform>-<arch>. */
  origin: "system" | "npm";
}

/**
 * Where ffmpeg is: the system's, found on PATH, when there is one (a distribution's build gets
 * security updates), else the one whose npm package tarball carries it (nothing is downloaded at
 * install), else null. Looked up on each call (a few stats), so installing ffmpeg needs no restart.
 * `projectDir`: where node_modules is (the folder the process runs in).
 */
export function findFfmpeg(pathList = searchPath(), projectDir = process.cwd()): FoundFfmpeg | null {
  for (const dir of pathList.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(/*turbopackIgnore: true*/ dir, "ffmpeg");
    if (isExecutable(candidate)) return { path: candidate, origin: "system" };
  }
  const bundled = path.join(
    /*turbopackIgnore: true*/ projectDir,
    "node_modules",
    "@ffmpeg-installer",
    `${process.platform}-${process.arch}`,
    "ffmpeg",
  );
  return isExecutable(bundled) ? { path: bundled, origin: "npm" } : null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The start-up log line: which ffmpeg video-file and RTSP cameras use. */
export function describeFfmpeg(): string {
  const found = findFfmpeg();
  return found ? `ffmpeg: ${found.origin} ${found.path}` : "ffmpeg: none (video-file and RTSP cameras will report ffmpeg_missing)";
}
