import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { CameraSource } from "@/server/cameras/camera-source";

export const FIXTURE_IMAGES = path.resolve("test/fixtures/vqd-public/images");
export const fixtureImage = (name: string) => path.join(FIXTURE_IMAGES, name);

/**
 * A scratch folder removed when the test file ends (call from afterAll), inside DATA_DIR/cameras: one
 * of the folders file cameras may read in tests (test/support/vitest-global-setup.ts).
 */
export function scratchFolder(): { dir: string; remove(): void } {
  const root = path.join(process.env.DATA_DIR ?? os.tmpdir(), "cameras");
  fs.mkdirSync(root, { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, "scratch-"));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let nextId = 1_000_000_000 + process.pid * 1000;
/** A camera that exists only in memory; a fresh id gives it fresh folder and video cursors. */
export const memoryCamera = (source: Pick<CameraSource, "sourceType" | "sourceUri"> & Partial<CameraSource>): CameraSource => ({
  id: ++nextId,
  sourceUsername: null,
  sourcePassword: null,
  grabTimeoutMs: 10_000,
  rtspTransport: "auto",
  ...source,
});

export const isJpeg = (image: Buffer) => image[0] === 0xff && image[1] === 0xd8;
