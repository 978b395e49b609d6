import { readFile } from "node:fs/promises";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { decodeFrame } from "../server/diagnosis/decode";
import { analyzeFrame } from "../server/diagnosis/index";
import { loadCases } from "./vqd-dataset";
const LN = Float64Array.from({ length: 256 }, (_, v) => Math.log(v + 1));
for (const root of process.argv.slice(2)) {
  for (const c of await loadCases(root)) {
    if (!["normal", "color_cast"].includes(c.label)) continue;
    let file = path.join(root, c.path);
    if ((await stat(file)).isDirectory()) file = path.join(file, (await readdir(file)).sort().at(-1)!);
    const buf = await readFile(file);
    const f = await decodeFrame(buf);
    const a = await analyzeFrame(buf, { checks: ["color_cast"] });
    const m = a.checks.color_cast!.metrics;
    const mags: number[] = []; let sr = 0, sb = 0, n = 0; const rgs: number[] = [], bgs: number[] = [];
    for (let p = 0; p < f.w * f.h; p += 3) {
      const r = f.rgb[3 * p], g = f.rgb[3 * p + 1], b = f.rgb[3 * p + 2];
      const l = f.gray[p]; if (l < 25 || r >= 250 || g >= 250 || b >= 250) continue;
      const rg = LN[r] - LN[g], bg = LN[b] - LN[g];
      mags.push(Math.hypot(rg, bg)); sr += rg; sb += bg; n++; rgs.push(rg); bgs.push(bg);
    }
    mags.sort((x, y) => x - y);
    const mr = sr / n, mb = sb / n;
    let v = 0; for (let i = 0; i < n; i++) v += (rgs[i] - mr) ** 2 + (bgs[i] - mb) ** 2;
    const sigma = Math.sqrt(v / n);
    const q = (x: number) => mags[Math.floor(x * (n - 1))].toFixed(2);
    const near = mags.filter((x) => x < 0.15).length / n;
    console.log(`${c.label.padEnd(11)} ${(root.split("/").pop() + ":" + c.path.split("/").pop()).padEnd(40)} cast=${m.cast.toFixed(2)} reg=${m.regionalShift.toFixed(2)} mean=(${mr.toFixed(2)},${mb.toFixed(2)}) D=${Math.hypot(mr, mb).toFixed(2)} sig=${sigma.toFixed(2)} p1=${q(0.01)} p5=${q(0.05)} p25=${q(0.25)} near=${near.toFixed(3)} ${a.findings.join(",")}`);
  }
}
