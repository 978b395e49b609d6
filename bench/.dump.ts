import { loadCases, runCase } from "/work/wt/accuracy/bench/vqd-dataset";
const [root, code, ...labels] = process.argv.slice(2);
const cases = (await loadCases(root)).filter((c) => !labels.length || labels.includes(c.label));
for (const c of cases) {
  const a = await runCase(root, c);
  console.log(c.label.padEnd(13), c.path.padEnd(45), a.findings.join(",").padEnd(24), JSON.stringify(a.checks[code as "blur"]?.metrics));
}
