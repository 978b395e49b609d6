import { describe, expect, it } from "vitest";
import { idTextSchema } from "@/server/params/id";
import { MAX_ID } from "@/shared/parameter-limits";
import { parsePositiveId } from "@/shared/positive-id";

describe("positive id", () => {
  it("reads the ids a URL or a command line may carry", () => {
    expect(parsePositiveId("1")).toBe(1);
    expect(parsePositiveId("42")).toBe(42);
    expect(parsePositiveId(String(MAX_ID))).toBe(MAX_ID);
  });

  it("refuses what names no row: zero, signs, decimals, exponents, blanks, too large", () => {
    for (const text of ["0", "-1", "+1", "1.0", "1e3", " 1", "", "abc", "0x10", String(MAX_ID + 1), "99999999999"]) {
      expect(parsePositiveId(text), text).toBeNull();
    }
  });

  it("REST paths and CLI arguments read ids the same way, with the bilingual sentence on refusal", () => {
    expect(idTextSchema.parse("7")).toBe(7);
    const refused = idTextSchema.safeParse("1e3");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0].message).toMatch(/^必须是 1 到 \d+ 之间的正整数 \(must be a whole number from 1 to \d+\)\.$/);
  });
});
