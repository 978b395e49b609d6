// A database of its own: these tests need to know every admin there is.
import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { createUser, createUserAccount, setUserActive, setUserRole } from "@/server/users/users";
import { verifyCredentials } from "@/server/auth/sign-in";
import { getDb } from "@/server/db/client";
import { uniqueName } from "../support/unique";

describe("user accounts (admin settings)", () => {
  it("an account created without a password gets a generated one, returned once and usable to sign in", async () => {
    const username = uniqueName("u");
    const { user, generatedPassword } = await createUserAccount({ username, role: "operator" });
    expect(user).toMatchObject({ username, role: "operator" });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(await verifyCredentials(username, generatedPassword!)).toMatchObject({ username, role: "operator" });
    const row = await (await getDb()).user.findUniqueOrThrow({ where: { username } });
    expect(row.passwordHash).not.toContain(generatedPassword!);
  });

  it("an account created with a password returns no generated one", async () => {
    const { generatedPassword } = await createUserAccount({ username: uniqueName("u"), role: "viewer", password: "chosen-password" });
    expect(generatedPassword).toBeNull();
  });

  it("two admins demoting each other at once: one wins, the other is refused, one admin remains", async () => {
    const db = await getDb();
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const [a, b] = [uniqueName("a"), uniqueName("b")];
    await createUser({ username: a, password: "long-enough", role: "admin" });
    await createUser({ username: b, password: "long-enough", role: "admin" });

    const outcomes = await Promise.allSettled([setUserRole(a, "viewer"), setUserRole(b, "viewer")]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("is the last admin") });
    expect(await db.user.count({ where: { role: "admin", isActive: true } })).toBe(1);
  });

  it("an inactive admin can be demoted while one active admin remains", async () => {
    const db = await getDb();
    const [active, retired] = [uniqueName("a"), uniqueName("r")];
    await createUser({ username: active, password: "long-enough", role: "admin" });
    await createUser({ username: retired, password: "long-enough", role: "admin" });
    await db.user.updateMany({ where: { role: "admin", username: { not: active } }, data: { isActive: false } });

    await expect(setUserRole(retired, "viewer")).resolves.toMatchObject({ role: "viewer" });
    await expect(setUserRole(active, "operator")).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("two admins disabling each other at once: one wins, the last active admin cannot be disabled, and can sign in", async () => {
    const db = await getDb();
    await db.user.updateMany({ where: { role: "admin" }, data: { role: "viewer" } });
    const [a, b] = [uniqueName("a"), uniqueName("b")];
    await createUser({ username: a, password: "long-enough", role: "admin" });
    await createUser({ username: b, password: "long-enough", role: "admin" });

    const outcomes = await Promise.allSettled([setUserActive(a, false), setUserActive(b, false)]);

    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("is the last admin") });
    const remaining = await db.user.findFirstOrThrow({ where: { role: "admin", isActive: true } });
    expect(await verifyCredentials(remaining.username, "long-enough")).toMatchObject({ username: remaining.username });
    const disabled = remaining.username === a ? b : a;
    expect(await verifyCredentials(disabled, "long-enough")).toBeNull();
    await expect(setUserActive(disabled, true)).resolves.toMatchObject({ isActive: true });
  });
});
