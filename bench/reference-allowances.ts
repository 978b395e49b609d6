/**
 * Where the reference allowances in server/diagnosis/reference.ts come from. For every measure a reference
 * compares it prints two measured figures and the allowance derived from them:
 *
 *  - noise: how far the measure moves between two frames of one healthy camera: every pair of frames of each
 *    normal sequence (a reference is compared with frames long after it, not only the next one) and the two
 *    normal frames of each scene in images/. Largest absolute change, and largest change relative to the
 *    first frame's value. Healthy whites clip to neutral, so the colour measures are also taken on those
 *    cameras seen through fixed casts (the cameras a reference is taught on look cast).
 *  - fault: how far the public set's own fault for that check moves the measure on the same scene (normal-0
 *    against the scene's too_dark, too_bright, low_contrast, color_cast or blur copy): smallest absolute and
 *    relative change. A reference must never absorb a change this big.
 *  - allowance, by the kind of measure:
 *    - scale measures (luma, spread, contrast, blown share, edge width) move in proportion to gain and
 *      exposure: the allowance is relative, the geometric mean sqrt(noise x fault) of the relative figures
 *      (the same factor above what healthy frames do as below the smallest fault), and the absolute part is
 *      the largest absolute noise, a floor for references near zero where a proportion means nothing;
 *    - log-chromaticity measures (castRG, castBG) take channel gains as a plain shift: the allowance is
 *      absolute, sqrt(noise x fault) of the absolute figures, with no relative part.
 *
 * Shake compares the sway itself (median displacement), one-sided: the noise is how much the median of one
 * shaking camera moves between windows of its frames (the shake sequences), and the floor is the check's own
 * minShift (displacements below it are not moves). There is no "more shake than taught" fault to measure,
 * so its relative allowance is the noise's largest relative change.
 *
 *   npx tsx bench/reference-allowances.ts [datasetDir]
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { analyzeFrame, DEFAULT_THRESHOLDS, type FindingCode, type FrameAnalysis } from "../server/diagnosis/index";
import { REFERENCE_MEASURES } from "../server/diagnosis/reference";
import { loadCases } from "./vqd-dataset";

const root = process.argv[2] ?? "test/fixtures/vqd-public";
const cases = await loadCases(root);

const analyse = async (file: string, history: Buffer[] = []) => analyzeFrame(await readFile(file), { history });
const framesOf = async (dir: string) =>
  (await readdir(dir)).sort((a, b) => a.localeCompare(b, "en", { numeric: true })).map((name) => path.join(dir, name));
const measureOf = (a: FrameAnalysis, code: FindingCode, m: string) => a.checks[code]?.metrics[m];

// Healthy cameras: each normal sequence's frames, and each scene's normal images (two frames of one camera).
const cameraFiles: string[][] = [];
for (const c of cases.filter((c) => c.label === "normal" && c.path.startsWith("sequences/"))) {
  cameraFiles.push(await framesOf(path.join(root, c.path)));
}
const scenes = [...new Set(cases.filter((c) => c.label === "normal" && c.path.startsWith("images/")).map((c) => c.scene))];
for (const scene of scenes) {
  cameraFiles.push(
    cases.filter((c) => c.scene === scene && c.label === "normal" && c.path.startsWith("images/")).map((c) => path.join(root, c.path)),
  );
}
const cameras = await Promise.all(cameraFiles.map((files) => Promise.all(files.map((f) => analyse(f)))));
const normalOf = new Map(scenes.map((scene, i) => [scene, cameras[cameraFiles.length - scenes.length + i]]));

// A camera that legitimately looks cast (a sodium-lit street, a blue-lit hall) is the one a reference is taught
// on. Healthy frames measure no colour spread at all (their whites clip to neutral), so the colour noise is
// measured on the healthy cameras seen through fixed casts of the kinds the public set's README lists.
const CASTS: Array<[number, number, number]> = [
  [1.35, 1.0, 0.6], // yellow (sodium lamp)
  [0.65, 0.9, 1.4], // blue
  [0.75, 1.25, 0.75], // green
  [1.3, 0.7, 1.25], // magenta
];
const castCameras: FrameAnalysis[][] = [];
for (const frames of cameraFiles) {
  for (const gains of CASTS) {
    castCameras.push(
      await Promise.all(frames.map(async (f) => analyzeFrame(await sharp(f).linear(gains, [0, 0, 0]).jpeg({ quality: 90 }).toBuffer()))),
    );
  }
}

interface Change {
  abs: number;
  rel: number;
}
function changes(pairs: Array<[number | undefined, number | undefined]>): Change[] {
  return pairs
    .filter((p): p is [number, number] => p[0] !== undefined && p[1] !== undefined)
    .map(([was, now]) => ({ abs: Math.abs(now - was), rel: Math.abs(now - was) / Math.max(Math.abs(was), 1e-6) }));
}
/** Log-chromaticity measures: gains add, so only an absolute allowance makes sense. */
const LOG_MEASURES = new Set(["castRG", "castBG"]);
const pairsWithin = <T>(items: T[]) => items.flatMap((a, i) => items.filter((_, j) => j !== i).map((b) => [a, b] as const));
const fmt = (n: number) => (Number.isFinite(n) ? n.toPrecision(3) : "-");

console.log(`reference allowances from ${root}: ${cameras.length} healthy cameras, ${scenes.length} scenes with faults\n`);
console.log("check          measure         noise abs  noise rel  fault abs  fault rel  => allow abs  allow rel");
for (const [code, measures] of Object.entries(REFERENCE_MEASURES) as Array<[FindingCode, string[]]>) {
  for (const m of measures) {
    const noise = (code === "color_cast" ? [...cameras, ...castCameras] : cameras).flatMap((frames) =>
      changes(pairsWithin(frames).map(([a, b]) => [measureOf(a, code, m), measureOf(b, code, m)])),
    );
    const fault: Change[] = [];
    for (const scene of scenes) {
      const faulty = cases.filter((c) => c.scene === scene && c.label === code);
      const base = normalOf.get(scene)![0];
      for (const c of faulty)
        fault.push(...changes([[measureOf(base, code, m), measureOf(await analyse(path.join(root, c.path)), code, m)]]));
    }
    const n = { abs: Math.max(...noise.map((c) => c.abs)), rel: Math.max(...noise.map((c) => c.rel)) };
    const f = { abs: Math.min(...fault.map((c) => c.abs)), rel: Math.min(...fault.map((c) => c.rel)) };
    const row = [code.padEnd(14), m.padEnd(15), fmt(n.abs).padStart(9), fmt(n.rel).padStart(10), fmt(f.abs).padStart(10)];
    const allow = LOG_MEASURES.has(m) ? { abs: Math.sqrt(n.abs * f.abs), rel: 0 } : { abs: n.abs, rel: Math.sqrt(n.rel * f.rel) };
    row.push(fmt(f.rel).padStart(10), fmt(allow.abs).padStart(12), fmt(allow.rel).padStart(10));
    console.log(row.join(" "));
  }
}

// Shake: the median displacement of one shaking camera over windows of its frames, as long as a sequence
// allows while still giving two windows (the executor judges up to 9 frames; shorter windows vary more).
const swayRel: number[] = [];
const medians: number[] = [];
let windowSize = 0;
for (const c of cases.filter((c) => c.label === "shake")) {
  const files = await framesOf(path.join(root, c.path));
  windowSize = files.length - 1;
  const prints = await Promise.all(files.map(async (f) => (await analyzeFrame(await readFile(f), { checks: [] })).fingerprint));
  const perWindow: number[] = [];
  for (let end = windowSize; end <= files.length; end++) {
    const window = await analyse(files[end - 1], prints.slice(end - windowSize, end - 1));
    perWindow.push(measureOf(window, "shake", "medianShift") ?? 0);
  }
  medians.push(...perWindow);
  for (const [a, b] of pairsWithin(perWindow)) swayRel.push(Math.abs(b - a) / Math.max(a, 1e-6));
}
console.log(
  `\nshake          medianShift     windows of ${windowSize} frames on ${cases.filter((c) => c.label === "shake").length} shaking cameras: ` +
    `median ${fmt(Math.min(...medians))}..${fmt(Math.max(...medians))} px; largest relative change between windows ${fmt(Math.max(...swayRel))} ` +
    `=> allow abs ${DEFAULT_THRESHOLDS.shake.minShift} (minShift), rel ${fmt(Math.max(...swayRel))}`,
);
