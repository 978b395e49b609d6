import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCamera } from "@/server/cameras/create-camera";
import { grabFrame } from "@/server/cameras/grab-frame";
import { addressPolicy, embeddedIpv4, isDeniedAddress, resolveCameraHost } from "@/server/cameras/source-address";
import { testCameraSource } from "@/server/cameras/test-camera-source";
import { updateCamera } from "@/server/cameras/update-camera";
import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";
import { fixtureImage, memoryCamera, scratchFolder } from "./camera-fixtures";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

const PATH_REFUSED =
  "该路径不在允许的摄像头文件目录内（CAMERA_FILES_ROOT） (The path is outside the folders camera files may come from (CAMERA_FILES_ROOT)).";
const ADDRESS_REFUSED =
  /^该地址指向链路本地.*\(The address is link-local, a cloud metadata address or on the deny list \(CAMERA_URL_DENY\); it cannot be a camera\)\.$/;

const create = (sourceType: "image_file" | "image_folder" | "video_file" | "http_snapshot" | "rtsp", sourceUri: string) =>
  createCamera({ name: uniqueName("cam"), sourceType, sourceUri });

describe("camera sources: files only inside CAMERA_FILES_ROOT", () => {
  const outside: Array<["image_file" | "image_folder", string]> = [
    ["image_file", "/etc/shadow"],
    ["image_file", "/etc/passwd"],
    ["image_folder", "/etc"],
    ["image_folder", "/root"],
    ["image_folder", "../../.."],
    ["image_file", "test/fixtures/../../../../etc/passwd"],
    ["image_file", "/etc/no-such-file.jpg"],
  ];

  it("sources: /etc/shadow, /etc, /root, ../ and missing paths outside the roots are refused with a 400, saying nothing of what exists", async () => {
    for (const [type, uri] of outside) {
      await expect(create(type, uri), uri).rejects.toMatchObject({ code: "BAD_REQUEST", message: PATH_REFUSED });
      await expect(grabFrame(memoryCamera({ sourceType: type, sourceUri: uri })), uri).rejects.toMatchObject({ code: "path_not_allowed" });
    }
  });

  it("sources: a symlink inside a root that leads out of it is refused, for a file, a folder and a frame in a folder", async () => {
    const linkToFile = path.join(scratch.dir, "shadow.jpg");
    fs.symlinkSync("/etc/shadow", linkToFile);
    const linkToFolder = path.join(scratch.dir, "etc");
    fs.symlinkSync("/etc", linkToFolder);
    const missingBehindLink = path.join(linkToFolder, "no-such-file.jpg");
    for (const [type, uri] of [
      ["image_file", linkToFile],
      ["image_folder", linkToFolder],
      ["image_file", missingBehindLink],
    ] as const) {
      await expect(create(type, uri), uri).rejects.toMatchObject({ code: "BAD_REQUEST", message: PATH_REFUSED });
    }
    const folder = path.join(scratch.dir, "frames");
    fs.mkdirSync(folder);
    fs.symlinkSync("/etc/hostname", path.join(folder, "00.jpg"));
    await expect(grabFrame(memoryCamera({ sourceType: "image_folder", sourceUri: folder }))).rejects.toMatchObject({
      code: "path_not_allowed",
    });
  });

  it("sources: a symlink re-pointed out of the root after the camera was saved is refused at grab time", async () => {
    const link = path.join(scratch.dir, "camera.jpg");
    fs.symlinkSync(fixtureImage("aero1-normal-0.jpg"), link);
    const camera = await create("image_file", link);
    expect((await testCameraSource(camera.id)).ok).toBe(true);
    fs.rmSync(link);
    fs.symlinkSync("/etc/passwd", link);
    await expect(testCameraSource(camera.id)).rejects.toMatchObject({ code: "BAD_REQUEST", message: PATH_REFUSED });
    const db = await getDb();
    await expect(grabFrame({ ...(await db.camera.findUniqueOrThrow({ where: { id: camera.id } })) })).rejects.toMatchObject({
      code: "path_not_allowed",
    });
  });

  it("sources: files inside the roots still work, relative or absolute, and a missing one there says it does not exist", async () => {
    expect((await create("image_file", "test/fixtures/vqd-public/images/aero1-normal-0.jpg")).sourceType).toBe("image_file");
    expect((await create("image_folder", "demo/cameras/lobby")).sourceType).toBe("image_folder");
    await expect(create("image_file", path.join(scratch.dir, "missing.jpg"))).rejects.toThrow(
      "文件或文件夹不存在 (The file or folder does not exist).",
    );
  });
});

describe("camera sources: URLs never to link-local, metadata or denied addresses", () => {
  const denied = [
    "http://169.254.169.254/latest/meta-data",
    "http://169.254.0.1:8080/snap.jpg",
    "http://2852039166/latest/meta-data", // 169.254.169.254 as one decimal number
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://[fe80::1]/snap.jpg",
    "http://[febf:ffff::1]/snap.jpg",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[::169.254.169.254]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[fd00:ec2::254]/latest/meta-data",
    "https://169.254.169.254/",
    "rtsp://169.254.169.254/live",
    "rtsp://2852039166/live",
    "rtsp://[fe80::1]:554/live",
  ];

  it("sources: link-local and metadata addresses in every IPv4 and IPv6 form are refused at create, update and grab time", async () => {
    const existing = await create("http_snapshot", "http://192.0.2.10/snapshot.jpg");
    for (const uri of denied) {
      const type = uri.startsWith("rtsp") ? "rtsp" : "http_snapshot";
      await expect(create(type, uri), uri).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(ADDRESS_REFUSED) });
      await expect(updateCamera({ id: existing.id, sourceType: type, sourceUri: uri }), uri).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(grabFrame(memoryCamera({ sourceType: type, sourceUri: uri, grabTimeoutMs: 2_000 })), uri).rejects.toMatchObject({
        code: "address_denied",
      });
    }
  });

  it("sources: a camera stored before the rule, pointing at the metadata service, is refused by the test grab with a 400", async () => {
    const db = await getDb();
    const legacy = await db.camera.create({
      data: { name: uniqueName("cam"), sourceType: "http_snapshot", sourceUri: "http://169.254.169.254/latest/meta-data" },
    });
    await expect(testCameraSource(legacy.id)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(ADDRESS_REFUSED),
    });
  });

  it("sources: private ranges and loopback stay allowed, as do names that resolve to them", async () => {
    for (const ip of ["10.0.0.7", "172.16.4.2", "192.168.1.64", "127.0.0.1", "::1", "fd12:3456::7", "::ffff:192.168.1.64", "100.64.0.1"])
      expect(isDeniedAddress(ip), ip).toBe(false);
    expect(await resolveCameraHost("localhost")).toContain("127.0.0.1");
    expect((await create("rtsp", "rtsp://192.168.1.64:554/Streaming/101")).sourceUri).toBe("rtsp://192.168.1.64:554/Streaming/101");
  });

  it("sources: CAMERA_URL_DENY's CIDRs, addresses and host names are refused, also when a name resolves into a denied range", async () => {
    const policy = addressPolicy(["10.9.0.0/16", "192.168.7.7", "fd99::/16", "nvr.corp.example"]);
    expect(isDeniedAddress("10.9.200.1", policy)).toBe(true);
    expect(isDeniedAddress("::ffff:10.9.0.1", policy)).toBe(true);
    expect(isDeniedAddress("192.168.7.7", policy)).toBe(true);
    expect(isDeniedAddress("fd99::1", policy)).toBe(true);
    expect(isDeniedAddress("10.8.0.1", policy)).toBe(false);
    await expect(resolveCameraHost("nvr.corp.example", policy)).rejects.toMatchObject({ code: "address_denied" });
    await expect(resolveCameraHost("cam1.NVR.corp.example.", policy)).rejects.toMatchObject({ code: "address_denied" });
    // The name is resolved and every address it stands for is checked.
    await expect(resolveCameraHost("localhost", addressPolicy(["127.0.0.0/8"]))).rejects.toMatchObject({ code: "address_denied" });
    await expect(resolveCameraHost("[::ffff:10.9.1.1]", policy)).rejects.toMatchObject({ code: "address_denied" });
  });

  it("sources: the IPv4 address inside IPv6 forms is found (mapped, compatible, NAT64, 6to4), and plain IPv6 has none", () => {
    expect(embeddedIpv4("::ffff:a9fe:a9fe")).toBe("169.254.169.254");
    expect(embeddedIpv4("::ffff:169.254.1.2")).toBe("169.254.1.2");
    expect(embeddedIpv4("::a9fe:a9fe")).toBe("169.254.169.254");
    expect(embeddedIpv4("64:ff9b::a9fe:a9fe")).toBe("169.254.169.254");
    expect(embeddedIpv4("2002:a9fe:a9fe::1")).toBe("169.254.169.254");
    expect(embeddedIpv4("::1")).toBeNull();
    expect(embeddedIpv4("2001:db8::1")).toBeNull();
  });
});
