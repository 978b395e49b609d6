/**
 * Regenerates the demo cameras in demo/cameras/ from the OpenCV sample frames in the public VQD fixtures:
 * five folders of time-ordered JPEG frames (each judged on its last frame against the earlier ones) and, when
 * ffmpeg is installed, a short entrance.mp4. Checks every camera with the diagnosis engine and fails if a
 * camera does not show the finding it is meant to demonstrate.
 *
 *   npx tsx demo/make-demo-cameras.ts
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { diagnosePaths, type FindingCode } from "../server/diagnosis/index";

const FIXTURES = "test/fixtures/vqd-public";
const OUT = "demo/cameras";
const MAX_SIZE = { width: 640, height: 480 };
const QUALITY = 80;

type Frame = { data: Buffer; width: number; height: number };

/** Loads a fixture frame reduced to at most 640x480, as raw RGB. */
async function load(relative: string): Promise<Frame> {
  const { data, info } = await sharp(path.join(FIXTURES, relative))
    .resize({ ...MAX_SIZE, fit: "inside" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function jpeg(frame: Frame): Promise<Buffer> {
  return sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .jpeg({ quality: QUALITY })
    .toBuffer();
}

/** Defocus: optical blur happens before the sensor adds its noise. */
async function blurred(frame: Frame, sigma: number): Promise<Frame> {
  const data = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
    .blur(sigma)
    .raw()
    .toBuffer();
  return { ...frame, data };
}

/** Small per-frame sensor noise, so that still frames of a live camera are not byte-identical. */
function live(frame: Frame, seed: number): Frame {
  const data = Buffer.from(frame.data);
  let state = seed;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = Math.max(0, Math.min(255, data[i] + ((state >>> 24) % 5) - 2));
  }
  return { ...frame, data };
}

function scaled(frame: Frame, gain: number): Frame {
  return { ...frame, data: Buffer.from(frame.data.map((v) => Math.round(v * gain))) };
}

async function noSignal(width: number, height: number): Promise<Buffer> {
  const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">
    <rect width="100%" height="100%" fill="#0000ff"/>
    <text x="50%" y="50%" font-size="${Math.round(height / 16)}" fill="white" text-anchor="middle" font-family="sans-serif">NO SIGNAL</text>
  </svg>`;
  return sharp(Buffer.from(svg)).flatten().jpeg({ quality: QUALITY }).toBuffer();
}

const sequence = (name: string) => [0, 1, 2, 3, 4, 5].map((i) => `sequences/${name}/0${i}.jpg`);

/** Each camera: its frames in time order and the findings the demo expects on the last one. */
async function cameras(): Promise<Record<string, { frames: Buffer[]; expect: FindingCode[] }>> {
  const lobby = await Promise.all(sequence("vtest-40-normal").slice(0, 4).map(load));
  const parking = await Promise.all(sequence("vtest-200-normal").slice(0, 3).map(load));
  const gate = await blurred(await load("images/building-normal-0.jpg"), 4);
  const corridor = await load("images/home-normal-0.jpg");
  const warehouse = await jpeg(await load("images/fruits-normal-0.jpg"));
  return {
    lobby: { frames: await Promise.all(lobby.map((f) => jpeg(f))), expect: [] },
    parking: { frames: await Promise.all(parking.map((f) => jpeg(scaled(f, 0.14)))), expect: ["too_dark"] },
    gate: { frames: await Promise.all([1, 2, 3].map((k) => jpeg(live(gate, k)))), expect: ["blur"] },
    corridor: {
      frames: [await jpeg(live(corridor, 1)), await jpeg(live(corridor, 2)), await noSignal(corridor.width, corridor.height)],
      expect: ["signal_loss"],
    },
    warehouse: { frames: [warehouse, warehouse, warehouse, warehouse], expect: ["freeze"] },
  };
}

function hasFfmpeg(): boolean {
  try {
    execFileSync("ffmpeg", ["-version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A few seconds of the lobby camera (people walking) as a small H.264 file. */
function makeVideo(framesDir: string) {
  execFileSync("ffmpeg", [
    "-y",
    "-loglevel",
    "error",
    "-framerate",
    "2",
    "-i",
    path.join(framesDir, "%02d.jpg"),
    "-vf",
    "scale=480:-2,fps=10",
    "-c:v",
    "libx264",
    "-preset",
    "veryslow",
    "-crf",
    "32",
    "-pix_fmt",
    "yuv420p",
    "-movflags",
    "+faststart",
    path.join(OUT, "entrance.mp4"),
  ]);
}

async function main() {
  for (const [name, camera] of Object.entries(await cameras())) {
    await rm(path.join(OUT, name), { recursive: true, force: true });
    await mkdir(path.join(OUT, name), { recursive: true });
    for (const [i, frame] of camera.frames.entries()) await writeFile(path.join(OUT, name, `${String(i).padStart(2, "0")}.jpg`), frame);
    const [result] = await diagnosePaths([path.join(OUT, name)]);
    const ok = JSON.stringify(result.abnormal) === JSON.stringify(camera.expect);
    console.log(
      `${name.padEnd(10)} ${camera.frames.length} frames -> ${result.abnormal.join(", ") || "healthy"}${ok ? "" : "  (UNEXPECTED)"}`,
    );
    if (!ok) process.exitCode = 1;
  }
  await rm(path.join(OUT, "entrance.mp4"), { force: true });
  if (hasFfmpeg()) {
    const tmp = path.join(OUT, ".entrance-frames");
    await mkdir(tmp, { recursive: true });
    for (const [i, file] of sequence("vtest-40-normal").entries()) {
      await writeFile(path.join(tmp, `${String(i).padStart(2, "0")}.jpg`), await readFile(path.join(FIXTURES, file)));
    }
    makeVideo(tmp);
    await rm(tmp, { recursive: true, force: true });
    console.log("entrance.mp4 written");
  } else {
    console.log("ffmpeg not found: entrance.mp4 skipped");
  }
}

await main();
