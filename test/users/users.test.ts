import { describe, expect, it } from "vitest";
import { createUser, setUserPassword, setUserRole } from "@/server/users/users";
import { verifyCredentials } from "@/server/auth/sign-in";
import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";

describe("users", () => {
  it("passwords are stored as Argon2id hashes and verify", async () => {
    const username = uniqueName("u");
    await createUser({ username, password: "s3cret-password", role: "viewer" });
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { username } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("s3cret-password");
    expect(await verifyCredentials(username, "s3cret-password")).toMatchObject({ username, role: "viewer" });
    expect(await verifyCredentials(username, "wrong-password")).toBeNull();
  });

  it("a changed password replaces the old one", async () => {
    const username = uniqueName("u");
    await createUser({ username, password: "first-password", role: "viewer" });
    await setUserPassword(username, "second-password");
    expect(await verifyCredentials(username, "first-password")).toBeNull();
    expect(await verifyCredentials(username, "second-password")).not.toBeNull();
  });

  it("a taken username and a short password are refused with a sentence", async () => {
    const username = uniqueName("u");
    await createUser({ username, password: "long-enough", role: "viewer" });
    await expect(createUser({ username, password: "long-enough", role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createUser({ username: uniqueName("u"), password: "short", role: "viewer" })).rejects.toThrow(/at least 8 characters/);
  });

  it("the last admin cannot be demoted", async () => {
    const db = await getDb();
    const admins = await db.user.findMany({ where: { role: "admin", isActive: true } });
    // Demote all but one admin made by this test, so that exactly one active admin remains.
    const username = uniqueName("a");
    await createUser({ username, password: "long-enough", role: "admin" });
    await db.user.updateMany({ where: { id: { in: admins.map((a) => a.id) } }, data: { isActive: false } });
    try {
      await expect(setUserRole(username, "viewer")).rejects.toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      await db.user.updateMany({ where: { id: { in: admins.map((a) => a.id) } }, data: { isActive: true } });
    }
  });
});
