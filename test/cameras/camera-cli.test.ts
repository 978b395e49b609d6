import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, ["bin/easysight.mjs", "camera", ...args], { env: process.env });

describe("easysight camera", () => {
  it("add and update take --rtsp-transport; a value other than auto, tcp or udp fails with a sentence and changes nothing", async () => {
    const name = uniqueName("cam");
    const added = await cli("add", name, "--type", "rtsp", "--source", "rtsp://127.0.0.1:8554/live", "--rtsp-transport", "udp");
    expect(added.stdout).toMatch(/rtsp rtsp:\/\/127\.0\.0\.1:8554\/live over udp/);
    const db = await getDb();
    const { id } = await db.camera.findUniqueOrThrow({ where: { name } });
    expect((await db.camera.findUniqueOrThrow({ where: { id } })).rtspTransport).toBe("udp");

    await cli("update", String(id), "--rtsp-transport", "tcp");
    expect((await db.camera.findUniqueOrThrow({ where: { id } })).rtspTransport).toBe("tcp");

    const bad = await cli("update", String(id), "--rtsp-transport", "quic").catch((e) => e);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^error: RTSP 传输方式只能是 auto、tcp、udp \(the RTSP transport is one of: auto, tcp, udp\)\.$/m);
    expect((await db.camera.findUniqueOrThrow({ where: { id } })).rtspTransport).toBe("tcp");
  });
});
