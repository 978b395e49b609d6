import { describe, expect, it } from "vitest";
import { getPool } from "@/server/db/client";
import { streamRows } from "@/server/db/stream-rows";

describe("streamRows", () => {
  it("hands every row over as an array, in the order sent", async () => {
    const rows: Array<[number, string]> = [];
    await streamRows<[number, string]>(
      await getPool(),
      { text: "SELECT g, 'n' || g FROM generate_series(1, $1::int) g", values: [2500] },
      (r) => rows.push(r),
    );
    expect(rows).toHaveLength(2500);
    expect(rows[0]).toEqual([1, "n1"]);
    expect(rows[2499]).toEqual([2500, "n2500"]);
  });

  it("an error PostgreSQL raises mid-stream rejects, and the pool still works afterwards", async () => {
    const pool = await getPool();
    const seen: number[] = [];
    await expect(
      streamRows<[number]>(pool, { text: "SELECT 10 / (3 - g) FROM generate_series(1, 5) g" }, ([v]) => seen.push(v)),
    ).rejects.toThrow(/division by zero/);
    for (let i = 0; i < 6; i++) expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });

  it("an error in the row handler rejects once the query ends, and the connection is reused", async () => {
    const pool = await getPool();
    await expect(
      streamRows(pool, { text: "SELECT g FROM generate_series(1, 100) g" }, () => {
        throw new Error("handler failed");
      }),
    ).rejects.toThrow("handler failed");
    expect((await pool.query("SELECT 2 AS two")).rows[0].two).toBe(2);
  });
});
