import "server-only";
import path from "node:path";

/** File sources may be relative: they resolve against the project folder the process runs in (demo/cameras/...). */
export const resolveSourcePath = (uri: string) => path.resolve(process.cwd(), uri);
