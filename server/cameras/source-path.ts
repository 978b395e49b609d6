import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { dataDir, env } from "@/server/config/env";
import { GrabError } from "./grab-error";

/**
 * The folders file cameras may read: CAMERA_FILES_ROOT, else the demo cameras and DATA_DIR/cameras.
 * Built from the working directory and the environment at run time; the `turbopackIgnore` markers
 * tell the bundler these are not project files to trace into the server build.
 */
export function cameraFilesRoots(setting = env.CAMERA_FILES_ROOT): string[] {
  const listed = setting?.split(path.delimiter).filter(Boolean);
  const roots = listed?.length
    ? listed
    : [path.join(/*turbopackIgnore: true*/ process.cwd(), "demo", "cameras"), path.join(dataDir, "cameras")];
  return roots.map((root) => path.resolve(/*turbopackIgnore: true*/ process.cwd(), root));
}

/**
 * The real path of a file source, or a GrabError: `path_not_allowed` unless the path, after every
 * symlink and `..` is resolved, lies inside one of the roots (also resolved). This runs when a source
 * is saved and again at every grab, because a symlink inside a root can be changed later. A path
 * outside the roots is refused whether or not it exists, so the answer never tells what is on disk
 * elsewhere. Relative sources resolve against the folder the process runs in (demo/cameras/...).
 */
export async function resolveSourcePath(uri: string, roots = cameraFilesRoots()): Promise<string> {
  const absolute = path.resolve(/*turbopackIgnore: true*/ process.cwd(), uri);
  const realRoots = await Promise.all(roots.map((root) => fs.realpath(root).catch(() => root)));
  const real = await fs.realpath(absolute).catch((err: NodeJS.ErrnoException) => err);
  if (real instanceof Error) {
    // Missing: "does not exist" only where the path would be inside a root once it exists (its
    // nearest existing folder resolved too, so a symlink out of the root tells nothing either).
    const parent = await realParent(absolute);
    if (!realRoots.some((root) => isInside(parent, root))) throw new GrabError("path_not_allowed");
    throw new GrabError(real.code === "EACCES" ? "not_readable" : "not_found");
  }
  if (!realRoots.some((root) => isInside(real, root))) throw new GrabError("path_not_allowed");
  return real;
}

/** A missing path with its nearest existing ancestor resolved through symlinks. */
async function realParent(absolute: string): Promise<string> {
  let rest = "";
  for (let dir = absolute; ; dir = path.dirname(dir)) {
    const real = await fs.realpath(dir).catch(() => null);
    if (real !== null || dir === path.dirname(dir)) return path.join(real ?? dir, rest);
    rest = path.join(path.basename(dir), rest);
  }
}

function isInside(target: string, root: string): boolean {
  const relative = path.relative(root, target);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}
