import "@/test/support/use-own-database";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { seedDemoData } from "@/demo/seed-demo-data";
import { openDatabase } from "@/server/process/open-database";

// This file's database is a new, migrated, empty copy of the template (use-own-database).
describe("opening the database", () => {
  it("reading data creates nothing (getDb() only connects); a server start makes the admin of an empty database, once", async () => {
    const db = await getDb();
    expect(await db.user.count()).toBe(0);
    expect(await db.user.count()).toBe(0);
    await openDatabase({ migrate: true, ensureAdmin: true });
    await openDatabase({ migrate: true, ensureAdmin: true });
    const users = await db.user.findMany({ select: { username: true, role: true } });
    expect(users).toEqual([{ username: process.env.ADMIN_USERNAME ?? "admin", role: "admin" }]);
  });

  it("demo data goes into a new database once: demo cameras and tasks deleted by a user do not come back", async () => {
    const db = await getDb();
    await seedDemoData(db);
    expect(await db.camera.count()).toBe(6);
    expect(await db.diagnosisTask.count()).toBe(5);
    await db.diagnosisTask.deleteMany();
    await db.camera.deleteMany();
    await seedDemoData(db);
    expect(await db.camera.count()).toBe(0);
    expect(await db.diagnosisTask.count()).toBe(0);
  });
});
