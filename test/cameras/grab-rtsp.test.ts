import net from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { grabFrame } from "@/server/cameras/grab-frame";
import { memoryCamera } from "./camera-fixtures";

/** A fake RTSP camera: `answer` decides the reply to each request (null: never reply). */
function fakeRtspServer(answer: (request: string) => string | null) {
  const requests: string[] = [];
  const open = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("data", (data) => {
      requests.push(data.toString());
      const reply = answer(data.toString());
      if (reply) socket.write(reply);
    });
  });
  const ready = new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)));
  const close = () => {
    for (const socket of open) socket.destroy();
    server.close();
  };
  return { requests, open, ready, close };
}

const servers: Array<{ close(): void }> = [];
afterAll(() => servers.forEach((s) => s.close()));

describe("grabbing RTSP frames with ffmpeg", () => {
  it("sends the camera's credentials to the camera but never puts them in the error", async () => {
    const rtsp = fakeRtspServer(
      (req) => `RTSP/1.0 401 Unauthorized\r\nCSeq: ${/CSeq: (\d+)/.exec(req)?.[1]}\r\nWWW-Authenticate: Basic realm="cam"\r\n\r\n`,
    );
    servers.push(rtsp);
    const port = await rtsp.ready;
    const camera = memoryCamera({
      sourceType: "rtsp",
      sourceUri: `rtsp://127.0.0.1:${port}/live`,
      sourceUsername: "operator",
      sourcePassword: "t0p@secret",
    });
    const err = await grabFrame(camera).catch((e) => e);
    expect(err).toMatchObject({ name: "GrabError", code: "auth_failed" });
    expect(err.message).not.toMatch(/t0p|secret|operator/);
    expect(rtsp.requests.join("\n")).toContain(`Authorization: Basic ${Buffer.from("operator:t0p@secret").toString("base64")}`);
  });

  it("aborting a grab kills ffmpeg, closing its connection to the camera", async () => {
    const rtsp = fakeRtspServer(() => null);
    servers.push(rtsp);
    const port = await rtsp.ready;
    const controller = new AbortController();
    const grab = grabFrame(memoryCamera({ sourceType: "rtsp", sourceUri: `rtsp://127.0.0.1:${port}/live`, grabTimeoutMs: 60_000 }), {
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(rtsp.requests.length).toBeGreaterThan(0), { timeout: 5_000 });
    controller.abort();
    await expect(grab).rejects.toMatchObject({ code: "aborted" });
    await vi.waitFor(() => expect(rtsp.open.size).toBe(0), { timeout: 2_000 });
  });
});
