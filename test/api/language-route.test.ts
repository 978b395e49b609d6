import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/lang/route";

const get = (query: string) => GET(new Request(`http://localhost/api/lang?${query}`));

describe("GET /api/lang", () => {
  it("sets the language cookie and goes back to the page it came from", async () => {
    const res = await get(`lang=en&return=${encodeURIComponent("/tasks?status=running")}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/tasks?status=running");
    expect(res.headers.get("set-cookie")).toMatch(/^easysight_lang=en; Path=\/; Max-Age=\d+; SameSite=Lax$/);
  });

  it("never redirects to another site, and ignores an unknown language", async () => {
    for (const target of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      expect((await get(`lang=zh&return=${encodeURIComponent(target)}`)).headers.get("location")).toBe("/");
    }
    expect((await get("lang=fr&return=/tasks")).headers.get("set-cookie")).toBeNull();
  });
});
