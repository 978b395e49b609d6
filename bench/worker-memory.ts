/**
 * Resident memory of one `easysight worker` watching 100 cameras (target < 300 MB). The worker runs
 * every task over and over (all checks, thumbnails, fingerprints) for DURATION seconds while its
 * RSS is sampled from /proc.
 *
 *   TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres npx tsx bench/worker-memory.ts [seconds=60] [cameras=100]
 *   (UNTUNED=1 to measure without the recommended MALLOC_ARENA_MAX / heap settings)
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { throwawayDatabase } from "@/harness/throwaway-database";

const DURATION_S = Number(process.argv[2] ?? 60);
const CAMERAS = Number(process.argv[3] ?? 100);
const images = fs
  .readdirSync("test/fixtures/vqd-public/images")
  .filter((f) => f.endsWith(".jpg"))
  .map((f) => `test/fixtures/vqd-public/images/${f}`);

const database = await throwawayDatabase("easysight_bench_memory");
const { getDb, closeDb } = await import("@/server/db/client");
const db = await getDb();
for (let i = 0; i < CAMERAS; i++) {
  const camera = await db.camera.create({
    data: { name: `bench camera ${i}`, sourceType: "image_file", sourceUri: images[i % images.length] },
  });
  await db.diagnosisTask.create({
    data: {
      name: `bench task ${i}`,
      scheduleType: "interval",
      intervalMinutes: 1,
      nextRunTime: new Date(),
      checks: [
        "too_dark",
        "too_bright",
        "blur",
        "color_cast",
        "noise",
        "low_contrast",
        "occlusion",
        "signal_loss",
        "stripe",
        "freeze",
        "scene_change",
      ],
      cameras: { create: [{ cameraId: camera.id }] },
    },
  });
}

// The deployment settings the README recommends for workers: glibc's per-thread malloc arenas
// otherwise keep freed image buffers, and V8 would let garbage grow far beyond what it needs.
const tuning = { MALLOC_ARENA_MAX: "2", NODE_OPTIONS: "--max-old-space-size=128" };
const worker = spawn(process.execPath, ["bin/easysight.mjs", "worker"], {
  env: {
    ...process.env,
    ...(process.env.UNTUNED ? {} : tuning),
    EXECUTOR_POLL_MS: "200",
    WATCHDOG_ENABLED: "0",
    LOG_LEVEL: "warn",
    CAMERA_FILES_ROOT: path.resolve("test/fixtures"),
  },
  stdio: ["ignore", "inherit", "inherit"],
});
const rssMb = () => {
  const status = fs.readFileSync(`/proc/${worker.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

let peak = 0;
const samples: number[] = [];
const started = Date.now();
while (Date.now() - started < DURATION_S * 1000) {
  await new Promise((r) => setTimeout(r, 1000));
  // Keep every task due so that the worker never idles.
  await db.diagnosisTask.updateMany({ where: { status: { not: "running" } }, data: { nextRunTime: new Date() } });
  const rss = rssMb();
  samples.push(rss);
  peak = Math.max(peak, rss);
}
const runs = await db.taskRun.count({ where: { outcome: "completed" } });
worker.kill("SIGTERM");
await new Promise((r) => worker.on("exit", r));
await closeDb();
await database.drop();

console.log(
  process.env.UNTUNED ? "untuned worker (no MALLOC_ARENA_MAX, default V8 heap)" : `worker started with ${JSON.stringify(tuning)}`,
);
console.log(`worker with ${CAMERAS} cameras, ${DURATION_S} s: ${runs} runs completed (${(runs / DURATION_S).toFixed(1)}/s)`);
console.log(
  `RSS: first ${samples[0]?.toFixed(0)} MB, last ${samples.at(-1)?.toFixed(0)} MB, peak ${peak.toFixed(0)} MB   (target < 300 MB)`,
);
