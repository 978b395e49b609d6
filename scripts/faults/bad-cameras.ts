/**
 * Fault check: a camera that hangs and one that answers garbage. Each fails on its own (timeout,
 * "not an image") as an `error` result with the finding `offline`; the other cameras of the same
 * run are analysed; every task finishes. Exits 1 otherwise.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/faults/bad-cameras.ts
 */
import { FIXTURE_DIR, fixtureImages } from "@/harness/camera-server";
import { printTable, reportVerdict } from "@/harness/invariants";
import { loadAverage } from "@/harness/processes";
import { runOnWorker } from "@/harness/run-on-worker";

const [image] = fixtureImages();
const HANG_TIMEOUT_MS = 2_000;
const file = { name: "ok file", sourceType: "image_file" as const, sourceUri: `${FIXTURE_DIR}/${image}` };
const hang = (url: (p: string) => string) => ({
  name: "hanging camera",
  sourceType: "http_snapshot" as const,
  sourceUri: url("/hang"),
  grabTimeoutMs: HANG_TIMEOUT_MS,
});
const garbage = (url: (p: string) => string) => ({
  name: "garbage camera",
  sourceType: "http_snapshot" as const,
  sourceUri: url("/garbage"),
});
const okHttp = (url: (p: string) => string) => ({
  name: "ok http",
  sourceType: "http_snapshot" as const,
  sourceUri: url(`/image/${image}`),
});

const suffix = <T extends { name: string }>(cams: T[], i: number) => cams.map((c) => ({ ...c, name: `${c.name} #${i}` }));
const { outcomes, results } = await runOnWorker("easysight_fault_cameras", [
  (url) => suffix([file, hang(url), garbage(url), okHttp(url)], 1),
  (url) => suffix([hang(url)], 2),
  (url) => suffix([garbage(url)], 3),
]);

const failures: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
  return ok ? "ok" : "FAILED";
};
const byName = (prefix: string) => results.filter((r) => r.camera.startsWith(prefix));
const rows: Array<[string, string | number, string?]> = [];
for (const t of outcomes)
  rows.push([
    `task ${t.id}: status`,
    t.status,
    `${expect(t.status === "completed", `task ${t.id} finished as ${t.status}`)}; ${t.status_reason ?? ""}`,
  ]);
for (const r of byName("hanging")) {
  rows.push([
    `${r.camera}: verdict / findings`,
    `${r.verdict} ${r.findings.join(",")}`,
    `${expect(r.verdict === "error" && r.findings.includes("offline") && /timed out/.test(r.error ?? ""), `${r.camera} not failed by its timeout`)}: ${r.error}`,
  ]);
}
for (const r of byName("garbage")) {
  rows.push([
    `${r.camera}: verdict / findings`,
    `${r.verdict} ${r.findings.join(",")}`,
    `${expect(r.verdict === "error" && r.findings.includes("offline"), `${r.camera} not failed`)}: ${r.error}`,
  ]);
}
for (const r of byName("ok")) {
  rows.push([
    `${r.camera}: verdict`,
    `${r.verdict} ${r.findings.join(",")}`,
    expect(
      r.verdict !== "error" && Object.keys(r.checks).length > 0 && !!r.thumbnail_bytes,
      `${r.camera} next to bad cameras was not analysed`,
    ),
  ]);
}
rows.push(["results stored / cameras", `${results.length} / 6`, expect(results.length === 6, "a camera's result is missing")]);
rows.push([
  "all tasks finished after",
  `${outcomes[0].seconds.toFixed(1)} s`,
  `hanging cameras time out after ${HANG_TIMEOUT_MS / 1000} s each`,
]);
printTable(`Bad cameras on one worker (load average ${loadAverage()})`, rows);
reportVerdict(
  failures,
  "PROVED: a hanging camera is failed by its grab timeout and a garbage one as not an image; the other cameras of the run are analysed and every task finishes.",
);
