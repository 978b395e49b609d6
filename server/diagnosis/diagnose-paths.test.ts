import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diagnosePaths } from "./index";
import { fixture, solid } from "./test-frames";

describe("diagnosePaths", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "diagnose-"));
    await mkdir(path.join(dir, "frozen"));
    // Names sort numerically: frame10 is the last frame, not the second.
    for (const name of ["frame2.jpg", "frame9.jpg", "frame10.jpg"]) {
      await writeFile(path.join(dir, "frozen", name), fixture("images/home-normal-0.jpg"));
    }
    await writeFile(path.join(dir, "frozen", "notes.txt"), "not a frame");
    await writeFile(path.join(dir, "blue.jpg"), await solid(640, 480, [0, 0, 255]));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("judges a folder's last frame against the earlier ones and a file alone", async () => {
    const given = [path.join(dir, "frozen"), path.join(dir, "blue.jpg")];
    const [frozen, blue] = await diagnosePaths(given);
    expect(frozen).toMatchObject({ path: given[0], abnormal: ["freeze"] });
    expect(frozen.metrics["freeze.framesCompared"]).toBe(2);
    expect(blue).toMatchObject({ path: given[1], abnormal: ["signal_loss"] });
    expect(blue.metrics["signal_loss.uniformFraction"]).toBeGreaterThan(0.9);
  });

  it("reports a file that is not an image by name of the fault, after the frames decoded ahead of it", async () => {
    const broken = path.join(dir, "broken");
    await mkdir(broken);
    await writeFile(path.join(broken, "a.jpg"), fixture("images/home-normal-0.jpg"));
    await writeFile(path.join(broken, "b.jpg"), "<html>502 Bad Gateway</html>");
    await expect(diagnosePaths([path.join(dir, "blue.jpg"), broken])).rejects.toThrow(/cannot decode image/);
  });

  it("fails clearly on a folder without frames", async () => {
    const empty = path.join(dir, "empty");
    await mkdir(empty);
    await expect(diagnosePaths([empty])).rejects.toThrow(/no image files/);
  });
});
