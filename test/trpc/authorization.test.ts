import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/trpc/root";
import type { Actor, Role } from "@/shared/actor";

const as = (role: Role | null) =>
  createCaller({ actor: role ? ({ type: "user", userId: 1, username: `someone-${role}`, role } satisfies Actor) : null });

describe("tRPC procedure builders", () => {
  it("an anonymous caller gets UNAUTHORIZED from a protected procedure", async () => {
    await expect(as(null).tasks.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("a viewer and an operator get FORBIDDEN from admin procedures", async () => {
    for (const role of ["viewer", "operator"] as const) {
      await expect(as(role).users.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(as(role).tokens.create({ username: "x", name: "y" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("an admin reaches admin procedures", async () => {
    await expect(as("admin").users.list()).resolves.toBeInstanceOf(Array);
  });

  it("invalid input is BAD_REQUEST with a readable sentence", async () => {
    const err = await as("viewer")
      .tasks.byId({ id: -1 })
      .catch((e) => e);
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.message).toMatch(/^id: /);
  });

  it("an unknown task is NOT_FOUND with a sentence naming it", async () => {
    await expect(as("viewer").tasks.byId({ id: 99_999_999 })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "任务 99999999 不存在 (task 99999999 does not exist).",
    });
  });
});
