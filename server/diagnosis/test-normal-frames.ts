import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { FIXTURES } from "./test-frames";

/** Every healthy frame of the fixture set: the normal images and each frame of the normal sequences. */
export async function normalFrames(): Promise<Array<{ name: string; jpeg: Buffer }>> {
  const csv = await readFile(path.join(FIXTURES, "labels.csv"), "utf8");
  const cases = csv
    .split(/\r?\n/)
    .map((line) => line.trim().split(","))
    .filter(([, label]) => label === "normal")
    .map(([casePath]) => casePath);
  const frames: Array<{ name: string; jpeg: Buffer }> = [];
  for (const casePath of cases) {
    const names = casePath.startsWith("sequences/")
      ? (await readdir(path.join(FIXTURES, casePath))).map((n) => `${casePath}/${n}`)
      : [casePath];
    for (const name of names) frames.push({ name, jpeg: await readFile(path.join(FIXTURES, name)) });
  }
  return frames;
}
