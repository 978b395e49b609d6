/**
 * The whole public labelled set, scored by its README's rules: every case whose label this engine has a check
 * for (a label gains its cases here the moment its check exists). A floor, not the current figure: the bench
 * (bench/detectors-accuracy.ts) prints the full table and the leave-one-scene-out figures.
 */
import { describe, expect, it } from "vitest";
import { isCorrect, loadCases, runCase, score, scorable } from "../../bench/vqd-dataset";
import { FIXTURES } from "./test-frames";

describe("accuracy on the public VQD set", () => {
  it("reaches 95 % accuracy with at most 3 % false alarms on normal frames", async () => {
    const cases = scorable(await loadCases(FIXTURES));
    expect(cases.length).toBeGreaterThan(100);
    const results = [];
    for (const c of cases) results.push({ c, findings: (await runCase(FIXTURES, c)).findings });
    const s = score(results);
    const wrong = results.filter((r) => !isCorrect(r.c.label, r.findings)).map((r) => `${r.c.path}: ${r.findings.join(",")}`);
    expect(s.accuracy, wrong.join("\n")).toBeGreaterThanOrEqual(0.95);
    expect(s.falseAlarmRate, wrong.join("\n")).toBeLessThanOrEqual(0.03);
  }, 120_000);
});
