import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { findFfmpeg } from "@/server/cameras/ffmpeg-binary";
import { grabFrame } from "@/server/cameras/grab-frame";
import { fixtureImage, isJpeg, memoryCamera, scratchFolder } from "./camera-fixtures";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

describe("grabbing frames from files", () => {
  it("an image_file camera returns the file's bytes", async () => {
    const file = fixtureImage("aero1-normal-0.jpg");
    const frame = await grabFrame(memoryCamera({ sourceType: "image_file", sourceUri: file }));
    expect(frame.image.equals(fs.readFileSync(file))).toBe(true);
    expect(frame.sourceFrame).toBe("aero1-normal-0.jpg");
    expect(Date.now() - frame.capturedAt.getTime()).toBeLessThan(5_000);
  });

  it("an image_folder camera cycles through its frames in name order, digits compared as numbers", async () => {
    const folder = path.join(scratch.dir, "frames");
    fs.mkdirSync(folder);
    const names = ["frame-10.jpg", "frame-2.jpg", "frame-1.png", "notes.txt"];
    for (const name of names)
      fs.copyFileSync(fixtureImage(name.endsWith(".png") ? "baboon-normal-0.jpg" : "aero1-normal-0.jpg"), path.join(folder, name));
    const camera = memoryCamera({ sourceType: "image_folder", sourceUri: folder });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await grabFrame(camera)).sourceFrame);
    expect(seen).toEqual(["frame-1.png", "frame-2.jpg", "frame-10.jpg", "frame-1.png"]);
  });

  it("a video_file camera yields JPEG frames via ffmpeg at advancing offsets", async () => {
    const video = path.join(scratch.dir, "clip.mp4");
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-loop",
      "1",
      "-i",
      fixtureImage("aero1-normal-0.jpg"),
      "-t",
      "3",
      "-r",
      "5",
      "-pix_fmt",
      "yuv420p",
      "-vf",
      "scale=160:120",
      video,
    ]);
    const camera = memoryCamera({ sourceType: "video_file", sourceUri: video });
    const first = await grabFrame(camera);
    const second = await grabFrame(camera);
    expect(isJpeg(first.image)).toBe(true);
    expect(await sharp(first.image).metadata()).toMatchObject({ format: "jpeg", width: 160, height: 120 });
    expect([first.sourceFrame, second.sourceFrame]).toEqual(["clip.mp4 @ 0.0 s", "clip.mp4 @ 1.0 s"]);
  });

  it("a missing file and an empty folder are GrabErrors that say so", async () => {
    const missing = path.join(scratch.dir, "nope.jpg");
    await expect(grabFrame(memoryCamera({ sourceType: "image_file", sourceUri: missing }))).rejects.toMatchObject({
      name: "GrabError",
      code: "not_found",
      message: "The file or folder does not exist.",
    });
    const empty = path.join(scratch.dir, "empty");
    fs.mkdirSync(empty);
    await expect(grabFrame(memoryCamera({ sourceType: "image_folder", sourceUri: empty }))).rejects.toMatchObject({ code: "empty_folder" });
  });

  it("ffmpeg: the system's on PATH first, else the binary from the npm package, else none", () => {
    expect(findFfmpeg("/usr/bin")).toEqual({ path: "/usr/bin/ffmpeg", origin: "system" });
    expect(findFfmpeg(scratch.dir)).toEqual({
      path: path.resolve("node_modules/@ffmpeg-installer/linux-x64/ffmpeg"),
      origin: "npm",
    });
    expect(findFfmpeg(scratch.dir, scratch.dir)).toBeNull();
  });

  it("ffmpeg: without a system ffmpeg, a video camera is read with the npm package's binary", async () => {
    const video = path.join(scratch.dir, "npm-clip.mp4");
    execFileSync("ffmpeg", [
      "-hide_banner",
      "-loglevel",
      "error",
      "-y",
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=160x120:rate=5",
      "-t",
      "2",
      "-pix_fmt",
      "yuv420p",
      video,
    ]);
    const savedPath = process.env.PATH;
    process.env.PATH = scratch.dir; // no ffmpeg in here
    try {
      const frame = await grabFrame(memoryCamera({ sourceType: "video_file", sourceUri: video }));
      expect(await sharp(frame.image).metadata()).toMatchObject({ format: "jpeg", width: 160, height: 120 });
      const notVideo = path.join(scratch.dir, "any.mp4");
      fs.writeFileSync(notVideo, "not really a video");
      await expect(grabFrame(memoryCamera({ sourceType: "video_file", sourceUri: notVideo }))).rejects.toMatchObject({ code: "decode" });
    } finally {
      process.env.PATH = savedPath;
    }
  });

  it("a file that is not an image is refused rather than passed on", async () => {
    const file = path.join(scratch.dir, "page.jpg");
    fs.writeFileSync(file, "<html>login</html>");
    await expect(grabFrame(memoryCamera({ sourceType: "image_file", sourceUri: file }))).rejects.toMatchObject({ code: "not_image" });
  });
});
