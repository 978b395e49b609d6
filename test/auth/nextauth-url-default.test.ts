import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

/**
 * Issue 13, item 7: `npm start` without NEXTAUTH_URL logged next-auth's NEXTAUTH_URL warning at the
 * first sign-in page, although the README documents http://localhost:$PORT as the default. The app
 * is loaded afresh without the variable, as `npm start` on a fresh clone loads it.
 */
const saved = { url: process.env.NEXTAUTH_URL, port: process.env.PORT };
beforeAll(() => {
  vi.resetModules();
  delete process.env.NEXTAUTH_URL;
  process.env.PORT = "8123";
});
afterAll(() => {
  process.env.NEXTAUTH_URL = saved.url;
  if (saved.port === undefined) delete process.env.PORT;
  else process.env.PORT = saved.port;
  vi.resetModules();
});

describe("NEXTAUTH_URL default", () => {
  it("npm start: next-auth is given http://localhost:$PORT and logs no NEXTAUTH_URL warning", async () => {
    const warnings: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => void warnings.push(args.join(" ")));
    try {
      const { authOptions } = await import("@/server/auth/auth-options");
      const { getServerSession } = await import("next-auth/next");
      // The pages' session read: next-auth's first request in a fresh server, where it warned.
      const noResponse = { getHeader: () => undefined, setCookie: () => undefined, setHeader: () => undefined };
      const session = await getServerSession(
        { headers: { host: "localhost:8123" }, cookies: {} } as never,
        noResponse as never,
        authOptions(),
      );
      expect(session).toBeNull();
      expect(warnings.filter((w) => w.includes("NEXTAUTH_URL"))).toEqual([]);
      expect(process.env.NEXTAUTH_URL).toBe("http://localhost:8123");
    } finally {
      warn.mockRestore();
    }
  });
});
