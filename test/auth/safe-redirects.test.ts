import { describe, expect, it } from "vitest";
import { GET as language } from "@/app/api/lang/route";
import { authOptions } from "@/server/auth/auth-options";
import { safeCallbackUrl } from "@/shared/same-site-path";

/**
 * Issue 11, rows 4 and 5: where sign-in, sign-out and the language switch send the browser. Each
 * value is also resolved the way Chromium resolves a Location header or an href, and must stay on
 * our origin (e2e/sign-in.spec.ts follows the same links in Chromium).
 */
const ORIGIN = "http://localhost:8000";
const HOSTILE = [
  "/\t/evil.example/x", // /%09/evil.example/x: browsers drop the tab, leaving //evil.example/x
  "/\n/evil.example",
  "/\r\n/evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/.//evil.example",
  "/a/../..//evil.example",
  " //evil.example",
  "https://evil.example/",
  "javascript:alert(1)",
  "data:text/html,x",
];
const stays = (target: string) => new URL(target, ORIGIN).origin === ORIGIN;

describe("redirects stay on this site", () => {
  it("redirects: hostile callback URLs go to /tasks; the browser would read none of them as another host", () => {
    for (const value of HOSTILE) expect({ value, to: safeCallbackUrl(value) }).toEqual({ value, to: "/tasks" });
  });

  it("redirects: ordinary paths keep their query and fragment; control characters never reach a Location header", () => {
    expect(safeCallbackUrl("/tasks/7?tab=history#runs")).toBe("/tasks/7?tab=history#runs");
    expect(safeCallbackUrl("/recoveries?q=%25&mode=auto")).toBe("/recoveries?q=%25&mode=auto");
    expect(safeCallbackUrl("/%0a/x")).toBe("/%0a/x"); // still encoded: a path on this site
    expect(safeCallbackUrl("/tasks\u0000x y")).toBe("/tasks%00x%20y");
    expect(safeCallbackUrl("/signin?callbackUrl=/tasks")).toBe("/tasks");
    expect(safeCallbackUrl(["/cameras", "//evil.example"])).toBe("/cameras");
    expect(safeCallbackUrl(undefined)).toBe("/tasks");
  });

  it("redirects: next-auth's redirect callback (after sign-in and sign-out) keeps to our origin too", async () => {
    const redirect = authOptions().callbacks!.redirect!;
    const to = (url: string) => redirect({ url, baseUrl: ORIGIN });
    expect(await to("/signin")).toBe(`${ORIGIN}/signin`);
    expect(await to(`${ORIGIN}/tasks/7?tab=history`)).toBe(`${ORIGIN}/tasks/7?tab=history`);
    for (const url of [...HOSTILE, "http://localhost:8001/tasks"]) {
      const target = await to(url);
      expect({ url, target }).toEqual({ url, target: `${ORIGIN}/tasks` });
      expect(stays(target)).toBe(true);
    }
  });

  it("redirects: the language switch goes back only to a page of this site", async () => {
    for (const value of HOSTILE) {
      const res = await language(new Request(`${ORIGIN}/api/lang?lang=en&return=${encodeURIComponent(value)}`));
      expect({ value, location: res.headers.get("location") }).toEqual({ value, location: "/" });
    }
  });
});
