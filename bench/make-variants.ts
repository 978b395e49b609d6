/**
 * Makes a fresh labelled set, in the vqd-public layout, from healthy pictures: new framings (random crops
 * re-sized to camera resolutions) and each degradation redrawn with random parameters inside the dataset
 * README's ranges (mosaic and garbled drawn by the same fault painters as the unit tests, shake as a sequence of
 * displaced frames). The pictures are the public set's normal frames by default, or any photographs given as a
 * directory or a text file listing image paths (one per line), e.g. Debian's wallpaper photographs: more
 * scenes than the public set has, so thresholds can be checked on scenes they were not fitted on. Write the set
 * outside the repository (licences, size), then score it with detectors-accuracy.ts.
 *
 *   npx tsx bench/make-variants.ts /tmp/vqd-variants [seed] [framingsPerScene] [photosDirOrListFile] [--sizes=WxH,...]
 *   npx tsx bench/detectors-accuracy.ts test/fixtures/vqd-public /tmp/vqd-variants
 */
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { garble, pixelate } from "../server/diagnosis/test-block-faults";

const SOURCE = "test/fixtures/vqd-public";
const sizesArg = process.argv.find((a) => a.startsWith("--sizes="));
const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const out = positional[0] ?? "/tmp/vqd-variants";
const seed = Number(positional[1] ?? 1);
const framingsPerScene = Number(positional[2] ?? 2);
const photos = positional[3];
/**
 * Camera resolutions the framings are drawn at: D1, 720p and VGA by default (work plane at half size), or
 * e.g. --sizes=512x512,480x360 (decoded at full size) or --sizes=2560x1440,3840x2160 (at a quarter).
 */
const RESOLUTIONS: Array<[number, number]> = sizesArg
  ? sizesArg
      .slice("--sizes=".length)
      .split(",")
      .map((size) => {
        const [w, h] = size.split("x").map(Number);
        if (!(w >= 64 && h >= 48)) throw new Error(`--sizes: "${size}" is not WIDTHxHEIGHT`);
        return [w, h] as [number, number];
      })
  : [
      [704, 576],
      [1280, 720],
      [640, 480],
    ];

/** mulberry32: small deterministic generator so a seed always gives the same set. */
let state = seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}
const between = (lo: number, hi: number) => lo + (hi - lo) * random();
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

interface Raw {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

async function frame(file: string, crop: number, resolution: [number, number]): Promise<Raw> {
  const meta = await sharp(file).metadata();
  const w = Math.round(meta.width! * crop);
  const h = Math.round(meta.height! * crop);
  const left = Math.floor(random() * (meta.width! - w + 1));
  const top = Math.floor(random() * (meta.height! - h + 1));
  const { data, info } = await sharp(file)
    .extract({ left, top, width: w, height: h })
    .resize(resolution[0], resolution[1], { fit: "fill" })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data), width: info.width, height: info.height };
}

const copy = (r: Raw): Raw => ({ ...r, data: new Uint8ClampedArray(r.data) });

function perPixel(r: Raw, fn: (v: number, channel: number, x: number, y: number) => number): Raw {
  const o = copy(r);
  for (let i = 0; i < o.data.length; i++) {
    const p = Math.floor(i / 3);
    o.data[i] = fn(r.data[i], i % 3, p % r.width, Math.floor(p / r.width));
  }
  return o;
}

/** Healthy variation a real camera shows: exposure +-10 %, sensor noise sigma up to 4, slightly soft optics. */
async function healthy(r: Raw): Promise<Raw> {
  const gain = between(0.9, 1.1);
  const sigma = between(0, 4);
  const exposed = perPixel(r, (v) => v * gain + sigma * gaussian());
  if (random() < 0.5) return exposed;
  const soft = await sharp(Buffer.from(exposed.data), { raw: { width: r.width, height: r.height, channels: 3 } })
    .blur(between(0.5, 1))
    .raw()
    .toBuffer();
  return { ...r, data: new Uint8ClampedArray(soft) };
}

async function degrade(r: Raw, label: string): Promise<Raw> {
  switch (label) {
    case "too_dark": {
      const k = between(0.1, 0.22);
      return perPixel(r, (v) => v * k);
    }
    case "too_bright": {
      // Offsets as fitted on the public set's too_bright frames (about 40-80 levels on top of the gain).
      const gain = between(2.2, 3.2);
      const offset = between(40, 80);
      return perPixel(r, (v) => v * gain + offset);
    }
    case "blur": {
      const sigma = between(3.5, 7);
      const data = await sharp(Buffer.from(r.data), { raw: { width: r.width, height: r.height, channels: 3 } })
        .blur(sigma)
        .raw()
        .toBuffer();
      return { ...r, data: new Uint8ClampedArray(data) };
    }
    case "color_cast": {
      // Gain patterns as measured on the public set's casts (channel mean ratios), with some spread.
      const casts: Record<string, [number, number][]> = {
        blue: [
          [0.45, 0.6],
          [0.7, 0.85],
          [1.2, 1.4],
        ],
        yellow: [
          [1.15, 1.35],
          [0.7, 0.95],
          [0.4, 0.55],
        ],
        green: [
          [0.5, 0.65],
          [1.2, 1.4],
          [0.5, 0.65],
        ],
        magenta: [
          [1.1, 1.3],
          [0.5, 0.65],
          [1.2, 1.4],
        ],
      };
      const gains = pick(Object.values(casts)).map(([lo, hi]) => between(lo, hi));
      return perPixel(r, (v, c) => v * gains[c]);
    }
    case "noise": {
      if (random() < 0.5) {
        const sigma = between(30, 45);
        return perPixel(r, (v) => v + sigma * gaussian());
      }
      const density = between(0.08, 0.15);
      const o = copy(r);
      for (let p = 0; p < r.width * r.height; p++) {
        if (random() >= density) continue;
        const v = random() < 0.5 ? 0 : 255;
        o.data[3 * p] = o.data[3 * p + 1] = o.data[3 * p + 2] = v;
      }
      return o;
    }
    case "low_contrast": {
      const k = between(0.12, 0.25);
      let sum = 0;
      for (const v of r.data) sum += v;
      const mean = sum / r.data.length;
      return perPixel(r, (v) => mean + (v - mean) * k);
    }
    case "occlusion": {
      // A dark, nearly uniform box on 50-80 % of the frame, anchored to a side or corner.
      const area = between(0.5, 0.8);
      const bw = Math.min(1, between(Math.sqrt(area), 1));
      const bh = Math.min(1, area / bw);
      const x0 = random() < 0.5 ? 0 : Math.round((1 - bw) * r.width);
      const y0 = random() < 0.5 ? 0 : Math.round((1 - bh) * r.height);
      const level = between(12, 45);
      return perPixel(r, (v, _c, x, y) =>
        x >= x0 && x < x0 + bw * r.width && y >= y0 && y < y0 + bh * r.height ? level + 1.5 * gaussian() : v,
      );
    }
    case "stripe": {
      const period = between(8, 24);
      const depth = between(0.25, 0.5);
      const vertical = random() < 0.5;
      const phase = random() * 2 * Math.PI;
      return perPixel(r, (v, _c, x, y) => v * (1 - depth * (0.5 + 0.5 * Math.sin((2 * Math.PI * (vertical ? x : y)) / period + phase))));
    }
    case "mosaic": {
      // Packet loss: a band (at least a third of the frame, anchored anywhere) or the whole frame in 12-24 px blocks.
      const block = Math.round(between(12, 24));
      const whole = random() < 0.3;
      const band = Math.round(between(0.35, 0.8) * r.height);
      const y0 = whole ? 0 : Math.floor(random() * (r.height - band));
      return pixelate(r, block, y0, whole ? r.height : y0 + band);
    }
    case "garbled": {
      // A broken decode from some macroblock row down (between a fifth and two thirds of the way down).
      const rows = Math.floor(r.height / 16);
      return garble(r, Math.round(between(0.2, 0.65) * rows), Math.floor(random() * 2 ** 31));
    }
    default:
      throw new Error(`no generator for ${label}`);
  }
}

/**
 * A loose or vibrating mount: frames swinging to either side of the rest position, each displaced 8-24 px and
 * turned up to 1.2 degrees from the last (the public set's README), with fresh sensor noise. The view is zoomed
 * by 6 % so the swings stay inside the picture instead of showing clamped borders.
 */
function shakenFrames(base: Raw, count: number): Raw[] {
  const direction = random() * 2 * Math.PI;
  const frames: Raw[] = [];
  for (let k = 0; k < count; k++) {
    // Alternating sides: consecutive positions are (d_k + d_k-1) / 2 apart, d in 8..24 px.
    const side = k % 2 === 0 ? 1 : -1;
    const half = between(8, 24) / 2;
    const angle = direction + between(-0.5, 0.5);
    const dx = side * half * Math.cos(angle);
    const dy = side * half * Math.sin(angle);
    const turn = (side * between(0, 1.2) * Math.PI) / 360;
    const sigma = between(1, 2.5);
    frames.push(warp(base, 0.94, turn, dx, dy, () => sigma * gaussian()));
  }
  return frames;
}

/** Bilinear resampling of `r` zoomed by 1/scale, turned by `angle` radians and shifted by (dx, dy) px, plus noise. */
function warp(r: Raw, scale: number, angle: number, dx: number, dy: number, noise: () => number): Raw {
  const o = copy(r);
  const cx = r.width / 2;
  const cy = r.height / 2;
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  for (let y = 0; y < r.height; y++) {
    for (let x = 0; x < r.width; x++) {
      const sx = Math.min(r.width - 1.001, Math.max(0, cx + cos * (x - cx) - sin * (y - cy) + dx));
      const sy = Math.min(r.height - 1.001, Math.max(0, cy + sin * (x - cx) + cos * (y - cy) + dy));
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const n = noise();
      for (let c = 0; c < 3; c++) {
        const at = (xx: number, yy: number) => r.data[3 * (yy * r.width + xx) + c];
        const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
        const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
        o.data[3 * (y * r.width + x) + c] = top * (1 - fy) + bottom * fy + n;
      }
    }
  }
  return o;
}

async function solidScreen(width: number, height: number): Promise<Buffer> {
  const color = pick(["#0000ff", "#000000", "#808080", "#202020"]);
  const caption = random() < 0.5;
  const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><rect width="100%" height="100%" fill="${color}"/>${
    caption
      ? `<text x="50%" y="50%" font-size="${Math.round(height / 20)}" fill="white" text-anchor="middle" font-family="sans-serif">NO SIGNAL</text>`
      : ""
  }</svg>`;
  return sharp(Buffer.from(svg)).flatten().jpeg({ quality: 90 }).toBuffer();
}

const jpeg = (r: Raw, quality = Math.round(between(75, 95))) =>
  sharp(Buffer.from(r.data), { raw: { width: r.width, height: r.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();

/** Healthy source pictures and their scene names (letters and digits only: "-" separates the label). */
async function sourcePictures(): Promise<Array<{ file: string; scene: string }>> {
  if (!photos) {
    const names = (await readdir(path.join(SOURCE, "images"))).filter((f) => f.includes("-normal-0."));
    return names.map((f) => ({ file: path.join(SOURCE, "images", f), scene: f.replace(/-normal-0\.[^.]+$/, "") }));
  }
  const files = (await stat(photos)).isDirectory()
    ? (await readdir(photos)).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).map((f) => path.join(photos, f))
    : (await readFile(photos, "utf8")).split(/\r?\n/).filter((line) => line.trim() !== "");
  return files.map((file) => {
    // KDE wallpapers are <Name>/contents/images/<size>.jpg: the folder names the picture.
    const parts = file.split(path.sep);
    const at = parts.lastIndexOf("contents");
    const name = at > 0 ? parts[at - 1] : path.basename(file).replace(/\.[^.]+$/, "");
    return { file, scene: name.replace(/[^A-Za-z0-9]/g, "") };
  });
}

async function main() {
  await mkdir(path.join(out, "images"), { recursive: true });
  await mkdir(path.join(out, "sequences"), { recursive: true });
  const lines = ["path,labels"];
  const sources = await sourcePictures();
  const labels = ["too_dark", "too_bright", "blur", "color_cast", "noise", "low_contrast", "occlusion", "stripe", "mosaic", "garbled"];
  const bases: Array<Raw & { scene: string }> = [];
  for (const { file, scene } of sources) {
    for (let k = 0; k < framingsPerScene; k++) {
      const base = await frame(file, between(0.6, 0.95), pick(RESOLUTIONS));
      bases.push({ ...base, scene });
      // Named <scene>-<label>-<framing> so leave-one-scene-out holds out every framing of a picture together.
      const write = async (label: string, data: Buffer) => {
        const rel = `images/${scene}-${label}-${k}.jpg`;
        await writeFile(path.join(out, rel), data);
        lines.push(`${rel},${label}`);
      };
      // Healthy frames also at low JPEG quality: block seams must not read as stripes, noise or sharpness.
      await write("normal", await jpeg(await healthy(base), Math.round(between(35, 95))));
      for (const label of labels) await write(label, await jpeg(await degrade(base, label)));
      await write("signal_loss", await solidScreen(base.width, base.height));
    }
  }
  // Sequences: a static camera (independent sensor noise per frame), a frozen one, a swapped one and a shaking one.
  for (const [k, base] of bases.entries()) {
    const other = pick(bases.filter((b) => b.scene !== base.scene));
    const still = async () => {
      const gain = between(0.99, 1.01);
      const sigma = between(1, 2.5);
      return jpeg(
        perPixel(base, (v) => v * gain + sigma * gaussian()),
        85,
      );
    };
    const frozen = await jpeg(base, 85);
    const kinds: Record<string, Array<() => Promise<Buffer>>> = {
      normal: Array(6).fill(still),
      freeze: Array(6).fill(async () => frozen),
      scene_change: [...Array(5).fill(still), async () => jpeg(other, 85)],
      shake: shakenFrames(base, 6).map((f) => async () => jpeg(f, 85)),
    };
    for (const [label, frames] of Object.entries(kinds)) {
      const dir = `sequences/${base.scene}-${label}-${k}`;
      await mkdir(path.join(out, dir), { recursive: true });
      for (const [i, make] of frames.entries()) await writeFile(path.join(out, dir, `${String(i).padStart(2, "0")}.jpg`), await make());
      lines.push(`${dir},${label}`);
    }
  }
  await writeFile(path.join(out, "labels.csv"), lines.join("\n") + "\n");
  console.log(`wrote ${lines.length - 1} cases to ${out}`);
}

await main();
