import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const IMAGES = "test/fixtures/vqd-public/images";

describe("the easysight command", () => {
  it("runs as `npx easysight`, the way the README and the first-start banner say", async () => {
    const { stdout } = await run("npx", ["easysight", "--help"], { env: process.env });
    expect(stdout).toContain("Usage: easysight");
    expect(stdout).toMatch(/check-tasks/);
  });
});

describe("easysight diagnose", () => {
  it("--json prints one {path, abnormal, metrics} per path given, with the path as given", async () => {
    const paths = [
      `${IMAGES}/baboon-too_dark-2.jpg`,
      `${IMAGES}/baboon-normal-0.jpg`,
      "test/fixtures/vqd-public/sequences/vtest-40-freeze",
    ];
    const { stdout } = await run(process.execPath, ["bin/easysight.mjs", "diagnose", ...paths, "--json"]);
    const out = JSON.parse(stdout);
    expect(out.map((r: { path: string }) => r.path)).toEqual(paths);
    for (const r of out) {
      expect(Object.keys(r).sort()).toEqual(["abnormal", "metrics", "path"]);
      expect(Array.isArray(r.abnormal)).toBe(true);
      expect(Object.values(r.metrics).every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
    }
    expect(out[0].abnormal).toContain("too_dark");
    expect(out[1].abnormal).toEqual([]);
    expect(out[2].abnormal).toEqual(["freeze"]);
  });

  it("a path that is not an image fails with a sentence and a non-zero exit", async () => {
    const err = await run(process.execPath, ["bin/easysight.mjs", "diagnose", "README.md", "--json"]).catch((e) => e);
    expect(err.code).not.toBe(0);
    expect(err.stderr).toMatch(/^error: .+/m);
  });
});
