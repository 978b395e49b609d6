import { spawnSync } from "node:child_process";

/** The V8 setting `npm start` gives the web server (package.json): a 64 MB young generation. */
export const SERVER_HEAP_FLAG = "--max-semi-space-size=64";

/**
 * Makes an in-process benchmark run with the web server's heap setting, so that its figures are the
 * server's: if this process lacks it, runs the same script again with it (and exits with its code).
 */
export function ensureServerHeap(): void {
  if ((process.env.NODE_OPTIONS ?? "").includes("--max-semi-space-size")) return;
  const env = { ...process.env, NODE_OPTIONS: `${SERVER_HEAP_FLAG} ${process.env.NODE_OPTIONS ?? ""}`.trim() };
  const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: "inherit" });
  process.exit(child.status ?? 1);
}
