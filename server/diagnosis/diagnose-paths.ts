import "server-only";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { analyzeFrame } from "./analyze";
import type { FindingCode } from "@/shared/finding-codes";

export interface PathDiagnosis {
  path: string;
  abnormal: FindingCode[];
  metrics: Record<string, number>;
}

const IMAGE_EXTENSIONS = new Set([".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"]);

/**
 * For `easysight diagnose <path>...`: a file is one frame; a folder holds one camera's frames in time order
 * (sorted by name), and the last frame is judged with the earlier ones as its history. Metrics are flattened
 * to "check.metric" keys for printing. `checks` limits the run to those checks (default: every frame check).
 */
export async function diagnosePaths(paths: string[], checks?: FindingCode[]): Promise<PathDiagnosis[]> {
  const results: PathDiagnosis[] = [];
  for (const given of paths) {
    const frames = (await stat(given)).isDirectory() ? await framesIn(given) : [given];
    if (frames.length === 0) throw new Error(`no image files in ${given}`);
    const history: Buffer[] = [];
    for (const frame of frames.slice(0, -1)) {
      history.push((await analyzeFrame(await readFile(frame), { checks: [] })).fingerprint);
    }
    const analysis = await analyzeFrame(await readFile(frames[frames.length - 1]), { history, checks });
    const metrics: Record<string, number> = {};
    for (const [code, result] of Object.entries(analysis.checks)) {
      for (const [name, value] of Object.entries(result.metrics)) metrics[`${code}.${name}`] = value;
    }
    results.push({ path: given, abnormal: analysis.findings, metrics });
  }
  return results;
}

async function framesIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => IMAGE_EXTENSIONS.has(path.extname(name).toLowerCase()));
  return names.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).map((name) => path.join(dir, name));
}
