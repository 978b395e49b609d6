/**
 * Loading and scoring of a labelled VQD set laid out like test/fixtures/vqd-public (labels.csv with
 * `path,labels`; a path is an image or a folder of frames in time order). Shared by the accuracy bench and
 * the accuracy test so both score exactly by the dataset README's rules.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { isFindingCode } from "../shared/finding-codes";
import { analyzeFrame, type DeepPartial, type FindingCode, type FrameAnalysis, type Thresholds } from "../server/diagnosis/index";

export type Label = FindingCode | "normal";

export interface Case {
  path: string;
  label: Label;
  /** Source picture the case was made from: the file name up to "-<label>". */
  scene: string;
}

/**
 * Findings the README does not count against a detector for a given label. Keyed by plain strings: a set may
 * carry labels (and companions) this engine version has no check for yet.
 */
export const TOLERATED: Record<string, readonly string[] | "any" | undefined> = {
  too_dark: ["low_contrast"],
  too_bright: ["low_contrast"],
  occlusion: ["too_dark", "low_contrast", "blur"],
  low_contrast: ["blur"],
  stripe: ["noise"],
  signal_loss: "any",
  mosaic: ["blur", "low_contrast", "garbled"],
  garbled: ["mosaic", "stripe", "color_cast", "noise", "blur"],
  shake: ["blur"],
};

/** Cases whose label this engine can report (or normal): a label without a check cannot be scored yet. */
export function scorable(cases: Case[]): Case[] {
  return cases.filter((c) => c.label === "normal" || isFindingCode(c.label));
}

export async function loadCases(root: string): Promise<Case[]> {
  const csv = await readFile(path.join(root, "labels.csv"), "utf8");
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [casePath, label] = line.trim().split(",");
      const name = path.basename(casePath).replace(/\.[^.]+$/, "");
      const at = name.indexOf(`-${label}`);
      return { path: casePath, label: label as Label, scene: at > 0 ? name.slice(0, at) : name };
    });
}

/** Analyses a case: an image alone, or a sequence's last frame with the earlier frames as history. */
export async function runCase(root: string, c: Case, thresholds?: DeepPartial<Thresholds>): Promise<FrameAnalysis> {
  const full = path.join(root, c.path);
  if (!(await stat(full)).isDirectory()) return analyzeFrame(await readFile(full), { thresholds });
  const names = (await readdir(full)).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const history: Buffer[] = [];
  for (const name of names.slice(0, -1)) {
    history.push((await analyzeFrame(await readFile(path.join(full, name)), { checks: [] })).fingerprint);
  }
  return analyzeFrame(await readFile(path.join(full, names[names.length - 1])), { thresholds, history });
}

/** Findings that count against the detector for this label (empty and label found = correct). */
export function wrongFindings(label: Label, findings: FindingCode[]): FindingCode[] {
  const tolerated = TOLERATED[label];
  if (tolerated === "any") return [];
  return findings.filter((f) => f !== label && !(tolerated ?? []).includes(f));
}

export function isCorrect(label: Label, findings: FindingCode[]): boolean {
  const found = label === "normal" || findings.includes(label);
  return found && wrongFindings(label, findings).length === 0;
}

export interface Score {
  cases: number;
  correct: number;
  accuracy: number;
  normalCases: number;
  normalFalseAlarms: number;
  falseAlarmRate: number;
}

export function score(results: Array<{ c: Case; findings: FindingCode[] }>): Score {
  const correct = results.filter((r) => isCorrect(r.c.label, r.findings)).length;
  const normals = results.filter((r) => r.c.label === "normal");
  const falseAlarms = normals.filter((r) => r.findings.length > 0).length;
  return {
    cases: results.length,
    correct,
    accuracy: results.length ? correct / results.length : 0,
    normalCases: normals.length,
    normalFalseAlarms: falseAlarms,
    falseAlarmRate: normals.length ? falseAlarms / normals.length : 0,
  };
}
