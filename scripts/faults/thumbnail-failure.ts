/**
 * Fault check: a result is stored even when its thumbnail cannot be made. The camera sends a frame
 * sharp decodes and every check analyses (a PNG of 64 x 65 520 pixels), but the thumbnail, a JPEG,
 * cannot be that tall (JPEG stops at 65 500). Expected: the camera's result is stored with its
 * verdict and check values, without a thumbnail. Exits 1 otherwise, saying what was stored instead.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx scripts/faults/thumbnail-failure.ts
 */
import { FIXTURE_DIR, fixtureImages, thumbnailBreakingPng } from "@/harness/camera-server";
import { printTable } from "@/harness/invariants";
import { loadAverage } from "@/harness/processes";
import { analyzeFrame } from "@/server/diagnosis";
import { runOnWorker } from "@/harness/run-on-worker";

// The premise, shown in this process: the frame analyses; only the thumbnail step fails.
const png = await thumbnailBreakingPng();
const withoutThumbnail = await analyzeFrame(png, { thumbnail: false }).catch((err: Error) => {
  console.error(`FAILED: the premise does not hold: the engine no longer analyses this frame (${err.message}); pick another image.`);
  process.exit(1);
});
// The thumbnail is best-effort: asked for, it is simply missing when it cannot be made.
const thumbnailMissing = !(await analyzeFrame(png, { thumbnail: true })).thumbnail;

const [image] = fixtureImages();
const { outcomes, results } = await runOnWorker("easysight_fault_thumbnail", [
  (url) => [
    { name: "no-thumbnail camera", sourceType: "http_snapshot", sourceUri: url("/no-thumbnail.png") },
    { name: "ordinary camera", sourceType: "image_file", sourceUri: `${FIXTURE_DIR}/${image}` },
  ],
]);
const odd = results.find((r) => r.camera === "no-thumbnail camera");
const ordinary = results.find((r) => r.camera === "ordinary camera");
const stored = !!odd && odd.verdict !== "error" && Object.keys(odd.checks).length > 0 && odd.thumbnail_bytes === null;

printTable(`Thumbnail failure on one worker (load average ${loadAverage()})`, [
  [
    "premise: frame analysed without thumbnail",
    `${withoutThumbnail.width}x${withoutThumbnail.height}`,
    `findings ${withoutThumbnail.findings.join(",") || "none"}`,
  ],
  [
    "premise: thumbnail step fails",
    thumbnailMissing ? "yes" : "no",
    thumbnailMissing ? "" : "(the premise does not hold: pick another image)",
  ],
  ["task status", outcomes[0].status, outcomes[0].status_reason ?? ""],
  ["no-thumbnail camera: result stored", odd ? "yes" : "NO", ""],
  ["  verdict / findings", odd ? `${odd.verdict} ${odd.findings.join(",")}` : "-", "expected ok or abnormal, not error"],
  ["  check values stored", odd ? Object.keys(odd.checks).length : "-", "expected > 0"],
  ["  thumbnail", odd?.thumbnail_bytes ?? "none", "expected none"],
  ["  error", "", odd?.error ?? "-"],
  ["ordinary camera of the same run", ordinary ? `${ordinary.verdict}, thumbnail ${ordinary.thumbnail_bytes} bytes` : "MISSING", ""],
]);
if (!thumbnailMissing) {
  console.error("\nFAILED: the premise does not hold (the thumbnail of this frame can be made): the check proves nothing.");
  process.exitCode = 1;
} else if (!stored) {
  console.error(
    `\nFAILED: the result was ${odd ? "stored as a camera error (verdict error, finding offline), its analysis thrown away" : "not stored"}.`,
  );
  process.exitCode = 1;
} else console.log("\nPROVED: the result was stored with its verdict and check values, without a thumbnail.");
