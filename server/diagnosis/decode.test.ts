import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeFrame, FrameDecodeError, shrinkFactor } from "./decode";
import { jpegHeader } from "./image-size";
import { fixture } from "./test-frames";

describe("decode", () => {
  it("reads size and components from a JPEG header", async () => {
    expect(jpegHeader(fixture("images/fruits-normal-0.jpg"))).toEqual({ width: 1280, height: 720, components: 3 });
    const gray = await sharp(fixture("images/fruits-normal-0.jpg")).toColourspace("b-w").jpeg().toBuffer();
    expect(jpegHeader(gray)?.components).toBe(1);
    expect(jpegHeader(Buffer.from("not a jpeg"))).toBeUndefined();
  });

  it("keeps the work plane at two source pixels per pixel for camera sizes from VGA to 4K", () => {
    expect([352, 640, 704, 1280, 1920, 2560, 3840, 7680].map(shrinkFactor)).toEqual([1, 2, 2, 2, 2, 2, 2, 4]);
  });

  it("leaves no file behind in RAM or the temp directory, also for a JPEG that fails to decode", async () => {
    const ours = () =>
      ["/dev/shm", os.tmpdir()].flatMap((dir) =>
        (existsSync(dir) ? readdirSync(dir) : []).filter((name) => name.startsWith(`easysight-${process.pid}-`)),
      );
    await decodeFrame(fixture("images/vtest-40-normal-0.jpg"));
    const truncated = fixture("images/vtest-40-normal-0.jpg").subarray(0, 2000);
    await expect(decodeFrame(truncated)).rejects.toThrow(FrameDecodeError);
    expect(ours()).toEqual([]);
  });

  it("decodes a colour JPEG straight at half size (DCT scaling) and keeps its brightness", async () => {
    const frame = await decodeFrame(fixture("images/vtest-40-normal-0.jpg"));
    expect(frame).toMatchObject({ width: 704, height: 576, w: 352, h: 288 });
    const full = await sharp(fixture("images/vtest-40-normal-0.jpg")).greyscale().stats();
    const mean = frame.gray.reduce((a, v) => a + v, 0) / frame.gray.length;
    expect(Math.abs(mean - full.channels[0].mean)).toBeLessThan(2);
  });

  it("decodes a named file from the file itself to the same pixels as from its bytes, whatever the name", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "decode-test-"));
    try {
      const bytes = fixture("images/vtest-40-normal-0.jpg");
      const fromBytes = await decodeFrame(bytes);
      // A name ending in "]" would read as libvips load options: that one goes through a scratch copy.
      for (const name of ["frame.jpg", "frame[1].jpg", "frame[1]"]) {
        const file = path.join(dir, name);
        writeFileSync(file, bytes);
        const fromFile = await decodeFrame(bytes, file);
        expect(Buffer.from(fromFile.rgb).equals(Buffer.from(fromBytes.rgb))).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  it("gives every pixel its BT.601 luma and counts them in the histogram, whatever the plane's size", async () => {
    // 67x49: the pixel count is not a multiple of four, so the pixels after the last group of four are read too.
    const sizes = [
      { width: 704, height: 576 },
      { width: 67, height: 49 },
    ];
    for (const size of sizes) {
      const png = await sharp(fixture("images/vtest-40-normal-0.jpg")).resize(size).png().toBuffer();
      const frame = await decodeFrame(png);
      const expected = Uint8Array.from(frame.gray, (_, i) => {
        const [r, g, b] = frame.rgb.subarray(3 * i, 3 * i + 3);
        return (77 * r + 150 * g + 29 * b) >> 8;
      });
      expect(Buffer.from(frame.gray).equals(Buffer.from(expected))).toBe(true);
      const counts = new Uint32Array(256);
      for (const v of expected) counts[v]++;
      expect([...frame.histogram]).toEqual([...counts]);
    }
  });
});
