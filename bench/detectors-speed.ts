/**
 * Throughput of the diagnosis engine on one core. First the figure the product promises: `easysight
 * diagnose` (diagnosePaths: read, decode, every frame check) over N JPEG files against a full-size
 * decode-only pass over the same files (read + sharp to raw pixels), measured in the same run, rounds
 * interleaved, and their ratio (goal <= 1.0), in wall time and in CPU time. Then frames/s for the engine's decode alone (libjpeg DCT-scaled
 * to the work plane, luma and histogram) and for decode + every frame check, the cost of each check on an
 * already decoded frame, and process memory.
 *
 *   npx tsx bench/detectors-speed.ts [image.jpg ...]   (default: the public set's 704x576 frames)
 */
import { readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { analyzeFrame, diagnosePaths, DEFAULT_THRESHOLDS as T } from "../server/diagnosis/index";
import { cellGrid } from "../server/diagnosis/cells";
import { checkColorCast } from "../server/diagnosis/color-cast";
import { checkLowContrast } from "../server/diagnosis/contrast";
import { decodeFrame, type Frame } from "../server/diagnosis/decode";
import { checkTooBright, checkTooDark } from "../server/diagnosis/exposure";
import { makeFingerprint } from "../server/diagnosis/fingerprint";
import { checkNoise } from "../server/diagnosis/noise";
import { checkOcclusion } from "../server/diagnosis/occlusion";
import { checkBlur } from "../server/diagnosis/sharpness";
import { checkSignalLoss } from "../server/diagnosis/signal-loss";
import { checkStripe } from "../server/diagnosis/stripe";
import { checkMosaic } from "../server/diagnosis/mosaic";
import { checkGarbled } from "../server/diagnosis/garbled";

// One libvips worker thread: with frames processed one after another this is a per-core figure.
sharp.concurrency(1);

const DATASET = "test/fixtures/vqd-public/images";
/** Best of several short rounds: other processes on the machine only ever make a round slower. */
const ROUNDS = 5;
const ROUND_SECONDS = 1;

async function inputFiles(): Promise<string[]> {
  const files = process.argv.slice(2);
  if (files.length) return files;
  const names = (await readdir(DATASET)).filter((n) => n.endsWith(".jpg")).map((n) => path.join(DATASET, n));
  const sized = await Promise.all(names.map(async (f) => ({ f, m: await sharp(f).metadata() })));
  return sized.filter(({ m }) => m.width === 704 && m.height === 576).map(({ f }) => f);
}

/**
 * `easysight diagnose` over the files vs a full-size decode of the same files; best of ROUNDS rounds each,
 * alternating, so load from other processes hits both alike.
 */
async function diagnoseVersusDecode(files: string[]) {
  const decodeOnly = async () => {
    for (const f of files)
      await sharp(await readFile(f))
        .raw()
        .toBuffer();
  };
  const diagnose = () => diagnosePaths(files);
  await decodeOnly();
  await diagnose();
  let decodeBest = Infinity;
  let diagnoseBest = Infinity;
  let decodeCpu = Infinity;
  let diagnoseCpu = Infinity;
  // Summed over all diagnose rounds: the main thread's CPU time comes from /proc in 10 ms ticks.
  let diagnoseCpuSum = 0;
  let mainThreadSum = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let cpu0 = process.cpuUsage();
    let t0 = performance.now();
    await decodeOnly();
    decodeBest = Math.min(decodeBest, performance.now() - t0);
    decodeCpu = Math.min(decodeCpu, cpuMs(process.cpuUsage(cpu0)));
    cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    t0 = performance.now();
    await diagnose();
    diagnoseBest = Math.min(diagnoseBest, performance.now() - t0);
    const cpu = cpuMs(process.cpuUsage(cpu0));
    diagnoseCpu = Math.min(diagnoseCpu, cpu);
    diagnoseCpuSum += cpu;
    mainThreadSum += mainThreadCpuMs() - main0;
  }
  const perFrame = (ms: number) => `${(ms / files.length).toFixed(2)} ms/frame (${((1000 * files.length) / ms).toFixed(0)} frames/s)`;
  const cpuPerFrame = (ms: number) => `${(ms / files.length).toFixed(2)} cpu-ms/frame`;
  console.log(`full-size decode only (sharp, raw):  ${perFrame(decodeBest)}, ${cpuPerFrame(decodeCpu)}`);
  console.log(`easysight diagnose (all checks):     ${perFrame(diagnoseBest)}, ${cpuPerFrame(diagnoseCpu)}`);
  console.log(`ratio diagnose / decode:             ${(diagnoseBest / decodeBest).toFixed(2)}  (goal <= 1.0)`);
  // diagnose decodes the next frame in libvips' thread while it checks this one: on an idle machine with two
  // cores the wall time is the longer of the two. The CPU ratio is what it costs on one core.
  console.log(`CPU-time ratio diagnose / decode:    ${(diagnoseCpu / decodeCpu).toFixed(2)}  (all threads of the process)`);
  // What the overlap can give on an idle machine: each of the two threads on its own core.
  const main = mainThreadSum / (ROUNDS * files.length);
  const others = (diagnoseCpuSum - mainThreadSum) / (ROUNDS * files.length);
  const idle = Math.max(main, others) / (decodeCpu / files.length);
  console.log(
    `diagnose CPU by thread:              JS main ${main.toFixed(2)} ms/frame, libvips/libuv ${others.toFixed(2)} ms/frame;` +
      ` with a free core each the ratio would be about ${idle.toFixed(2)}\n`,
  );
}

/** CPU time of the JS main thread (its task is the process id), from /proc in clock ticks (1/100 s). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime (fields 14 and 15 of the line)
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * Runs `work` over the inputs; returns the best round's frames per wall second and per CPU second (all
 * threads of the process: the main thread and sharp's one libvips worker, which take turns per frame).
 */
async function measure(frames: Buffer[], work: (b: Buffer) => Promise<unknown>) {
  for (const b of frames.slice(0, 10)) await work(b); // warm-up (JIT, libvips caches)
  let wallFps = 0;
  let cpuFps = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < ROUND_SECONDS * 1000) await work(frames[n++ % frames.length]);
    const cpu = process.cpuUsage(cpu0);
    wallFps = Math.max(wallFps, n / ((performance.now() - t0) / 1000));
    cpuFps = Math.max(cpuFps, n / ((cpu.user + cpu.system) / 1e6));
  }
  return { wallFps, cpuFps };
}

function timeChecks(frames: Frame[]) {
  const checks: Record<string, (f: Frame) => unknown> = {
    signal_loss: (f) => checkSignalLoss(f, T.signal_loss),
    occlusion: (f) => checkOcclusion(f, T.occlusion),
    too_dark: (f) => checkTooDark(f, T.too_dark),
    too_bright: (f) => checkTooBright(f, T.too_bright),
    stripe: (f) => checkStripe(f, T.stripe),
    noise: (f) => checkNoise(f, T.noise),
    low_contrast: (f) => checkLowContrast(f, T.low_contrast),
    color_cast: (f) => checkColorCast(f, T.color_cast),
    blur: (f) => checkBlur(f, T.blur),
    mosaic: (f) => checkMosaic(f, T.mosaic),
    garbled: (f) => checkGarbled(f, T.garbled),
    fingerprint: (f) => makeFingerprint(f, cellGrid(f).mean),
  };
  // A fresh copy of the frame for every call: the passes shared by several checks (cells.ts,
  // line-profiles.ts) are cached per frame object, so each check pays for the ones it reads and "all"
  // counts a shared pass once per check that reads it.
  console.log("\nper check on a decoded frame (ms, best of rounds; shared passes counted in each check):");
  let total = 0;
  for (const [name, run] of Object.entries(checks)) {
    for (const f of frames) run({ ...f });
    let best = Infinity;
    for (let round = 0; round < 10; round++) {
      const t0 = performance.now();
      for (let r = 0; r < 5; r++) for (const f of frames) run({ ...f });
      best = Math.min(best, (performance.now() - t0) / (5 * frames.length));
    }
    total += best;
    console.log(`  ${name.padEnd(13)} ${best.toFixed(3)}`);
  }
  console.log(`  ${"all".padEnd(13)} ${total.toFixed(3)}`);
}

async function main() {
  const files = await inputFiles();
  if (!files.length) throw new Error("no input frames");
  const frames = await Promise.all(files.map((f) => readFile(f)));
  const meta = await sharp(frames[0]).metadata();
  console.log(`${frames.length} frames, the first ${meta.width}x${meta.height}, sharp.concurrency(1)\n`);
  await diagnoseVersusDecode(files);
  console.log(`best of ${ROUNDS} x ${ROUND_SECONDS}s:`);

  const rows: Array<[string, (b: Buffer) => Promise<unknown>]> = [
    ["sharp full-size decode", (b) => sharp(b).raw().toBuffer()],
    ["engine decode (work plane)", (b) => decodeFrame(b)],
    ["decode + all frame checks", (b) => analyzeFrame(b)],
    ["... + 5 history fingerprints", (b) => analyzeFrame(b, { history })],
  ];
  const history = await Promise.all(frames.slice(0, 5).map(async (b) => (await analyzeFrame(b, { checks: [] })).fingerprint));
  console.log(`${"".padEnd(32)}${"frames/s".padStart(10)}${"frames/cpu-s".padStart(14)}`);
  for (const [name, work] of rows) {
    const { wallFps, cpuFps } = await measure(frames, work);
    console.log(`${name.padEnd(32)}${wallFps.toFixed(0).padStart(10)}${cpuFps.toFixed(0).padStart(14)}`);
  }
  timeChecks(await Promise.all(frames.map((b) => decodeFrame(b))));
  const mem = process.memoryUsage();
  console.log(
    `\nRSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB (peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB), heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
  );
}

await main();
