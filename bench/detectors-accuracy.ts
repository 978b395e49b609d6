/**
 * Accuracy of the diagnosis engine on labelled sets (default test/fixtures/vqd-public), scored by the
 * dataset README's rules. For each set it prints:
 *  1. per-label table with the default thresholds: cases, correct, accuracy, missed, wrong findings;
 *  2. overall accuracy and the false-alarm rate on normal cases;
 *  3. per-metric distributions (min..max per label) next to the default threshold, so margins are visible;
 *  4. leave-one-scene-out, the development measure: each primary threshold re-fitted (mid-way between the
 *     closest must-not-fire and must-fire values) on the other scenes, the held-out scene judged with it; the
 *     same per-label table, overall accuracy and normal false-alarm rate, so no figure hinges on a scene it
 *     was fitted on.
 * A second set (e.g. photographs degraded by make-variants.ts) is printed the same way: thresholds fitted on
 * the public scenes must hold there too.
 * With --fit, it finally prints each primary threshold re-fitted on all the given sets pooled (the same rule as
 * leave-one-scene-out): how DEFAULT_THRESHOLDS are chosen (see thresholds.ts). Give it only tuning sets.
 *
 *   npx tsx bench/detectors-accuracy.ts [datasetDir ...] [--no-distributions] [--fit]
 */
import { DEFAULT_THRESHOLDS, type FindingCode, type FrameAnalysis, type Thresholds } from "../server/diagnosis/index";
import { EXPLAINS, stripesLookSmeared } from "../server/diagnosis/suppression";
import { isCorrect, loadCases, runCase, score, TOLERATED, wrongFindings, type Case, type Label } from "./vqd-dataset";

const args = process.argv.slice(2);
const showDistributions = !args.includes("--no-distributions");
const fitPooled = args.includes("--fit");
const roots = args.filter((a) => !a.startsWith("--"));
if (!roots.length) roots.push("test/fixtures/vqd-public");

type Metrics = Record<string, number>;
const T = DEFAULT_THRESHOLDS;

/**
 * The metric that decides each check, the threshold it is compared with, the abnormal side, and the check's
 * other conditions (gate) which stay at their defaults when the primary threshold is re-fitted.
 */
type Checks = FrameAnalysis["checks"];
const PRIMARY: Array<{
  code: FindingCode;
  metric: string;
  key: string;
  abnormalAbove: boolean;
  gate?: (m: Metrics, checks: Checks) => boolean;
}> = [
  { code: "signal_loss", metric: "uniformFraction", key: "minUniformFraction", abnormalAbove: true, gate: (m) => m.uniformLuma < 250 },
  {
    code: "occlusion",
    metric: "areaFraction",
    key: "minAreaFraction",
    abnormalAbove: true,
    gate: (m) => m.restBrightLuma >= T.occlusion.minRestLuma && (m.regionChroma ?? 0) <= T.occlusion.maxChroma,
  },
  { code: "too_dark", metric: "brightLuma", key: "maxBrightLuma", abnormalAbove: false, gate: (m) => m.meanLuma <= T.too_dark.maxMeanLuma },
  {
    code: "too_bright",
    metric: "blownFraction",
    key: "minBlownFraction",
    abnormalAbove: true,
    gate: (m) => m.meanLuma >= T.too_bright.minMeanLuma,
  },
  { code: "stripe", metric: "strength", key: "minStrength", abnormalAbove: true, gate: (m) => m.amplitude >= T.stripe.minAmplitude },
  { code: "noise", metric: "noiseSigma", key: "minSigma", abnormalAbove: true },
  { code: "low_contrast", metric: "lumaSpread", key: "maxSpread", abnormalAbove: false },
  {
    code: "color_cast",
    metric: "cast",
    key: "minCast",
    abnormalAbove: true,
    gate: (m) => m.regionalShift >= T.color_cast.minRegionalShift && m.regionalShift <= T.color_cast.maxNeutralShift && !m.foliage,
  },
  { code: "blur", metric: "edgeSigma", key: "minEdgeSigma", abnormalAbove: true },
  { code: "freeze", metric: "maxSampleDifference", key: "maxDifference", abnormalAbove: false },
  {
    code: "scene_change",
    metric: "distance",
    key: "minDistance",
    abnormalAbove: true,
    gate: (m) => m.jumpRatio >= T.scene_change.minJumpRatio,
  },
  { code: "mosaic", metric: "areaFraction", key: "minAreaFraction", abnormalAbove: true },
  // Smears under vertical stripes are settled as stripes (suppression.ts) whatever the fraction.
  {
    code: "garbled",
    metric: "brokenFraction",
    key: "minBrokenFraction",
    abnormalAbove: true,
    gate: (_m, checks) => !stripesLookSmeared(checks),
  },
  { code: "shake", metric: "movingShare", key: "minMovingShare", abnormalAbove: true, gate: (m) => m.movingSteps >= T.shake.minSteps },
];

/** Secondary metrics worth seeing (conditions that gate a check); printed without a re-fit. */
const SECONDARY: Array<{ code: FindingCode; metric: string; key?: string }> = [
  { code: "shake", metric: "movingSteps", key: "minSteps" },
  { code: "too_dark", metric: "meanLuma", key: "maxMeanLuma" },
  { code: "too_bright", metric: "meanLuma", key: "minMeanLuma" },
  { code: "occlusion", metric: "restBrightLuma", key: "minRestLuma" },
  { code: "occlusion", metric: "regionChroma", key: "maxChroma" },
  { code: "stripe", metric: "amplitude", key: "minAmplitude" },
  { code: "color_cast", metric: "regionalShift", key: "minRegionalShift" },
  { code: "scene_change", metric: "jumpRatio", key: "minJumpRatio" },
  { code: "scene_change", metric: "moveShift", key: "minMoveShift" },
];

type Result = { c: Case; findings: FindingCode[]; analysis: FrameAnalysis };

async function main() {
  const summary: string[] = [];
  const pooled: Result[] = [];
  for (const root of roots) {
    const cases = await loadCases(root);
    const results: Result[] = [];
    for (const c of cases) {
      const analysis = await runCase(root, c);
      results.push({ c, findings: analysis.findings, analysis });
    }
    pooled.push(...results);
    console.log(`\n=== ${root}  (${results.length} cases, ${new Set(cases.map((c) => c.scene)).size} scenes) ===`);
    console.log("\nDefault thresholds:");
    const plain = printTable(results);
    if (showDistributions) printDistributions(results);
    const loso = await printLeaveOneSceneOut(root, cases, results);
    summary.push(
      `${root}: default accuracy ${plain.accuracy.toFixed(3)} / false alarms ${pct(plain.falseAlarmRate)};` +
        ` leave-one-scene-out accuracy ${loso.accuracy.toFixed(3)} / false alarms ${pct(loso.falseAlarmRate)}`,
    );
  }
  console.log(`\nSummary\n  ${summary.join("\n  ")}`);
  if (fitPooled) printPooledFit(pooled);
}

/** Each primary threshold fitted on every given set together, next to the shipped default. */
function printPooledFit(pooled: Result[]) {
  console.log(`\nThresholds fitted on all ${pooled.length} cases of ${roots.join(" + ")} (default in brackets):`);
  for (const p of PRIMARY) {
    const t = refit(pooled, p);
    const def = (DEFAULT_THRESHOLDS[p.code as keyof Thresholds] as Record<string, number>)[p.key];
    console.log(`  ${`${p.code}.${p.key}`.padEnd(34)} ${t === undefined ? "not fitted" : fmt(t)}   [${def}]`);
  }
}

const pct = (rate: number) => `${(100 * rate).toFixed(1)} %`;

function labelsOf(results: Array<{ c: Case }>): Label[] {
  return [...new Set(results.map((r) => r.c.label))];
}

function printTable(results: Array<{ c: Case; findings: FindingCode[] }>) {
  console.log(
    `${"label".padEnd(14)}${"cases".padStart(6)}${"correct".padStart(9)}${"acc".padStart(7)}${"missed".padStart(8)}${"false alarms".padStart(14)}  wrong findings`,
  );
  for (const label of labelsOf(results)) {
    const rows = results.filter((r) => r.c.label === label);
    const correct = rows.filter((r) => isCorrect(label, r.findings)).length;
    const missed = label === "normal" ? 0 : rows.filter((r) => !r.findings.includes(label)).length;
    const wrong = new Map<string, number>();
    for (const r of rows) for (const f of wrongFindings(label, r.findings)) wrong.set(f, (wrong.get(f) ?? 0) + 1);
    const falseAlarms = rows.filter((r) => wrongFindings(label, r.findings).length > 0).length;
    const wrongText = [...wrong].map(([f, n]) => `${f} x${n}`).join(", ") || "-";
    const cells = [rows.length, correct, (correct / rows.length).toFixed(2), missed, falseAlarms].map(String);
    console.log(`${label.padEnd(14)}${cells.map((v, i) => v.padStart([6, 9, 7, 8, 14][i])).join("")}  ${wrongText}`);
  }
  const s = score(results);
  console.log(`\noverall accuracy: ${s.accuracy.toFixed(3)} (${s.correct}/${s.cases})`);
  console.log(`normal false alarms: ${pct(s.falseAlarmRate)} (${s.normalFalseAlarms}/${s.normalCases})`);
  for (const r of results) {
    if (!isCorrect(r.c.label, r.findings)) console.log(`  wrong: ${r.c.path} [${r.c.label}] -> ${r.findings.join(", ") || "(nothing)"}`);
  }
  return s;
}

function metricOf(r: Result, code: FindingCode, metric: string): number | undefined {
  return r.analysis.checks[code]?.metrics[metric];
}

function printDistributions(results: Result[]) {
  console.log("\nMetric distributions (min..max per label; * = the label this check should find)");
  const rows = [...PRIMARY.map((p) => ({ code: p.code, metric: p.metric, key: p.key })), ...SECONDARY];
  for (const { code, metric, key } of rows) {
    const threshold = key ? (DEFAULT_THRESHOLDS[code as keyof Thresholds] as Record<string, number>)[key] : undefined;
    console.log(`\n${code}.${metric}${threshold !== undefined ? `  (threshold ${key} = ${threshold})` : ""}`);
    for (const label of labelsOf(results)) {
      const values = results
        .filter((r) => r.c.label === label)
        .map((r) => metricOf(r, code, metric))
        .filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (!values.length) continue;
      const mark = label === code ? "*" : " ";
      console.log(`  ${mark}${label.padEnd(13)} ${fmt(Math.min(...values))} .. ${fmt(Math.max(...values))}`);
    }
  }
}

function fmt(v: number): string {
  return (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)).padStart(7);
}

/**
 * Threshold half-way between the closest "must not fire" case and the closest "must fire" case on the training
 * scenes (when they overlap, the cut with the fewest training errors). Must-not-fire: every case whose label neither is the check, tolerates it, nor explains it (see
 * suppression.ts), and whose other gates of the check pass (so only the re-fitted metric decides).
 */
function refit(train: Result[], p: (typeof PRIMARY)[number]): number | undefined {
  const valuesOf = (rows: Result[]) =>
    rows
      .filter((r) => !p.gate || p.gate(r.analysis.checks[p.code]?.metrics ?? {}, r.analysis.checks))
      .map((r) => metricOf(r, p.code, p.metric))
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
  const healthy = valuesOf(train.filter((r) => mustNotFire(r.c.label, p.code)));
  const degraded = valuesOf(train.filter((r) => r.c.label === p.code));
  if (!healthy.length || !degraded.length) return undefined;
  // Work on the abnormal-above side; a below-threshold check is mirrored.
  const sign = p.abnormalAbove ? 1 : -1;
  const h = healthy.map((v) => sign * v);
  const d = degraded.map((v) => sign * v);
  const hMax = Math.max(...h);
  const dMin = Math.min(...d);
  if (hMax < dMin) return sign * ((hMax + dMin) / 2);
  // Overlap: the cut between neighbouring values with the fewest training errors (healthy at or above it,
  // degraded below it), the middle one of equally good cuts. A plain mid-point would land inside the overlap,
  // or on a value both sides share (0 when some degraded case measures nothing).
  const values = [...new Set([...h, ...d])].sort((a, b) => a - b);
  const cuts = values.slice(1).map((v, i) => (values[i] + v) / 2);
  const errors = cuts.map((cut) => h.filter((v) => v >= cut).length + d.filter((v) => v < cut).length);
  const fewest = Math.min(...errors);
  const best = cuts.filter((_, i) => errors[i] === fewest);
  return sign * best[Math.floor((best.length - 1) / 2)];
}

function mustNotFire(label: Label, code: FindingCode): boolean {
  if (label === code) return false;
  const tolerated = TOLERATED[label];
  if (tolerated === "any" || tolerated?.includes(code)) return false;
  return label === "normal" || !(EXPLAINS[label]?.includes(code) ?? false);
}

async function printLeaveOneSceneOut(root: string, cases: Case[], results: Result[]) {
  console.log("\nLeave-one-scene-out (primary thresholds re-fitted on the other scenes; scenes with a miss listed)");
  const scenes = [...new Set(cases.map((c) => c.scene))];
  const all: Array<{ c: Case; findings: FindingCode[] }> = [];
  const spans = new Map<string, number[]>();
  for (const scene of scenes) {
    const train = results.filter((r) => r.c.scene !== scene);
    const overrides: Record<string, Record<string, number>> = {};
    for (const p of PRIMARY) {
      const t = refit(train, p);
      if (t === undefined) {
        spans.set(`${p.code}.${p.key}`, spans.get(`${p.code}.${p.key}`) ?? []);
        continue;
      }
      (overrides[p.code] ??= {})[p.key] = t;
      spans.set(`${p.code}.${p.key}`, [...(spans.get(`${p.code}.${p.key}`) ?? []), t]);
    }
    const held: Array<{ c: Case; findings: FindingCode[] }> = [];
    for (const c of cases.filter((x) => x.scene === scene)) held.push({ c, findings: (await runCase(root, c, overrides)).findings });
    const s = score(held);
    all.push(...held);
    if (s.correct < s.cases) {
      console.log(`  ${scene.padEnd(12)} ${s.correct}/${s.cases} correct, normal false alarms ${s.normalFalseAlarms}/${s.normalCases}`);
    }
  }
  console.log("");
  const s = printTable(all);
  console.log("  re-fitted threshold range across folds (default in brackets):");
  for (const [name, values] of spans) {
    const [code, key] = name.split(".");
    const def = (DEFAULT_THRESHOLDS[code as keyof Thresholds] as Record<string, number>)[key];
    if (!values.length) {
      console.log(`    ${name.padEnd(34)} not re-fitted: no must-not-fire case passes the check's other gates   [${def}]`);
      continue;
    }
    console.log(`    ${name.padEnd(34)} ${fmt(Math.min(...values))} .. ${fmt(Math.max(...values))}   [${def}]`);
  }
  return s;
}

await main();
