import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { expectBilingualLine } from "../support/expect-bilingual";

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

  it("--checks runs only the checks asked for: their findings and metrics, nothing of the others", async () => {
    const paths = [`${IMAGES}/baboon-too_dark-2.jpg`, "test/fixtures/vqd-public/sequences/vtest-40-freeze"];
    const { stdout } = await run(process.execPath, ["bin/easysight.mjs", "diagnose", ...paths, "--checks", "too_dark,blur", "--json"]);
    const out = JSON.parse(stdout);
    const checksIn = (r: { metrics: Record<string, number> }) =>
      [...new Set(Object.keys(r.metrics).map((key) => key.split(".")[0]))].sort();
    expect(out.map(checksIn)).toEqual([
      ["blur", "too_dark"],
      ["blur", "too_dark"],
    ]);
    expect(out[0].abnormal).toEqual(["too_dark"]);
    // The frozen sequence is not called frozen when freeze was not asked for.
    expect(out[1].abnormal).toEqual([]);
  });

  it("--checks with an unknown name exits with code 2 and a sentence listing the valid names, in both languages", async () => {
    const err = await run(process.execPath, [
      "bin/easysight.mjs",
      "diagnose",
      `${IMAGES}/baboon-normal-0.jpg`,
      "--checks",
      "blur,blurr",
    ]).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stdout).toBe("");
    expect(err.stderr).toMatch(/^error: .*未知的检查项 "blurr".*\(unknown check "blurr" in --checks; the checks are .*\)\.$/m);
    for (const code of ["signal_loss", "mosaic", "garbled", "shake", "scene_change"]) expect(err.stderr).toContain(code);
    expect(err.stderr).not.toContain("offline");
  });

  it("a path that is not an image fails with a sentence in both languages and a non-zero exit", async () => {
    const err = await run(process.execPath, ["bin/easysight.mjs", "diagnose", "README.md", "--json"]).catch((e) => e);
    expect(err.code).not.toBe(0);
    const lines = err.stderr.split("\n").filter((line: string) => line.startsWith("error: "));
    expect(lines).toHaveLength(1);
    // Not a sentence anyone wrote (the image decoder's), still in the form of every other error.
    expectBilingualLine(lines[0], "diagnose README.md");
  });
});

describe("the CLI's refusals, in both languages like the API's", () => {
  /** Runs the CLI and resolves with its exit code and standard error. */
  const refused = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, ["bin/easysight.mjs", ...args], { env: { ...process.env, ...env } }).then(
      () => ({ code: 0, stderr: "" }),
      (e) => ({ code: e.code as number, stderr: e.stderr as string }),
    );
  const errorLines = (stderr: string) => stderr.split("\n").filter((line) => line.startsWith("error: "));

  it("a command line it cannot parse: an unknown command or option, a missing argument", async () => {
    for (const args of [["user", "frob"], ["diagnose", "--jsn", "README.md"], ["diagnose"], ["task", "show"]]) {
      const { code, stderr } = await refused(args);
      expect(code, args.join(" ")).not.toBe(0);
      const lines = errorLines(stderr);
      expect(lines, `${args.join(" ")}: ${stderr}`).toHaveLength(1);
      expectBilingualLine(lines[0], args.join(" "));
    }
    // The names it complains about are in both halves.
    expect(errorLines((await refused(["diagnose", "--jsn", "README.md"])).stderr)[0]).toMatch(
      /^error: 未知的选项 '--jsn' \(unknown option '--jsn'\)\.$/,
    );
  });

  it("bad environment settings: every setting's problem, each in both languages, no stack trace, and nothing runs", async () => {
    const { code, stderr } = await refused(["diagnose", `${IMAGES}/baboon-normal-0.jpg`], {
      PORT: "eighty",
      EXECUTOR_CONCURRENCY: "0",
      LOG_LEVEL: "loud",
      NEXTAUTH_SECRET: "short",
      SECRETS_KEY: "not-a-key",
    });
    expect(code).toBe(2);
    // The sentence is the whole answer: no stack trace for the operator to read past.
    expect(stderr).not.toMatch(/^\s+at /m);
    const lines = stderr.split("\n").filter((line) => /^ {2}[A-Z_]+(\.\d+)?: /.test(line));
    expect(lines.map((line) => line.trim().split(":")[0]).sort()).toEqual([
      "EXECUTOR_CONCURRENCY",
      "LOG_LEVEL",
      "NEXTAUTH_SECRET",
      "PORT",
      "SECRETS_KEY",
    ]);
    for (const line of lines) expectBilingualLine(line, "environment");
    expect(stderr).toContain("环境变量配置有误 (invalid environment configuration):");
  });
});
