import { describe, expect, it } from "vitest";
import { authorizeSignIn, signInWithPassword } from "@/server/auth/sign-in";
import { accountSubject, SignInRateLimitedError, throttleSignIn, type SignInLimits } from "@/server/auth/sign-in-throttle";
import { rateLimitedMinutes } from "@/shared/sign-in-errors";
import { getDb } from "@/server/db/client";
import { createUser } from "@/server/users/users";
import { uniqueName } from "../support/unique";

const LIMITS: SignInLimits = { perAccount: 3, perAddress: 5, windowMinutes: 15 };
let addressCounter = 0;
/** An address from the documentation range (2001:db8::/32) that no other test uses. */
const uniqueAddress = () =>
  `2001:db8:${(process.pid % 65_536).toString(16)}:${(Date.now() % 65_536).toString(16)}::${(++addressCounter).toString(16)}`;

const wrong = async () => null;
const right = async () => ({ ok: true });
const attempt = (login: string, address: string, check: () => Promise<{ ok: boolean } | null> = wrong) =>
  throttleSignIn({ login, address }, check, LIMITS);

async function failures(scope: "account" | "address", subject: string) {
  const db = await getDb();
  const rows = await db.$queryRaw<
    Array<{ failures: number }>
  >`SELECT failures FROM signin_attempts WHERE scope = ${scope} AND subject = ${subject}`;
  return rows[0]?.failures ?? 0;
}

describe("sign-in rate limit", () => {
  it("sign-in: after the account's maximum of wrong passwords even the right one is refused, with the minutes to wait", async () => {
    const login = uniqueName("victim");
    for (let i = 0; i < LIMITS.perAccount; i++) expect(await attempt(login, uniqueAddress())).toBeNull();
    const refused = await attempt(login, uniqueAddress(), right).catch((e) => e);
    expect(refused).toBeInstanceOf(SignInRateLimitedError);
    expect(refused.retryAfterMinutes).toBe(15);
    expect(rateLimitedMinutes(refused.message)).toBe(15);
  });

  it("sign-in: a locked real account and a locked unknown name answer exactly alike", async () => {
    const real = uniqueName("real");
    await createUser({ username: real, password: "correct-password", role: "viewer" });
    const unknown = uniqueName("nobody");
    const answers = [];
    for (const login of [real, unknown]) {
      const address = uniqueAddress();
      for (let i = 0; i < 5; i++) await signInWithPassword(login, "wrong-password", address).catch(() => undefined);
      answers.push(await signInWithPassword(login, "correct-password", uniqueAddress()).catch((e: Error) => e.message));
    }
    expect(answers[0]).toBe("TooManyAttempts:15");
    expect(answers[1]).toBe(answers[0]);
  });

  it("sign-in: a success clears the account's failures", async () => {
    const login = uniqueName("forgetful");
    for (let i = 0; i < LIMITS.perAccount - 1; i++) await attempt(login, uniqueAddress());
    expect(await attempt(login, uniqueAddress(), right)).toEqual({ ok: true });
    expect(await failures("account", accountSubject(login))).toBe(0);
    for (let i = 0; i < LIMITS.perAccount; i++) expect(await attempt(login, uniqueAddress())).toBeNull();
    await expect(attempt(login, uniqueAddress())).rejects.toBeInstanceOf(SignInRateLimitedError);
  });

  it("sign-in: one address guessing across many accounts is stopped at the address limit", async () => {
    const address = uniqueAddress();
    for (let i = 0; i < LIMITS.perAddress; i++) expect(await attempt(uniqueName("spray"), address)).toBeNull();
    await expect(attempt(uniqueName("spray"), address, right)).rejects.toBeInstanceOf(SignInRateLimitedError);
    expect(await attempt(uniqueName("spray"), uniqueAddress(), right)).toEqual({ ok: true });
  });

  it("sign-in: a refused attempt counts against neither the account nor the address", async () => {
    const locked = uniqueName("locked");
    for (let i = 0; i < LIMITS.perAccount; i++) await attempt(locked, uniqueAddress());
    const address = uniqueAddress();
    await expect(attempt(locked, address)).rejects.toBeInstanceOf(SignInRateLimitedError);
    expect(await failures("address", address)).toBe(0);
    expect(await failures("account", accountSubject(locked))).toBe(LIMITS.perAccount);
  });

  it("sign-in: a success gives the address its attempt back, so sign-ins from one office never lock it", async () => {
    const address = uniqueAddress();
    for (let i = 0; i < LIMITS.perAddress * 2; i++) expect(await attempt(uniqueName("colleague"), address, right)).toEqual({ ok: true });
    expect(await failures("address", address)).toBe(0);
  });

  it("sign-in: the account counter ignores case and surrounding spaces", async () => {
    const login = uniqueName("Mixed");
    await attempt(login, uniqueAddress());
    await attempt(`  ${login.toUpperCase()} `, uniqueAddress());
    await attempt(login.toLowerCase(), uniqueAddress());
    await expect(attempt(login, uniqueAddress())).rejects.toBeInstanceOf(SignInRateLimitedError);
  });

  it("sign-in: once the window has passed the account may try again, counting from one", async () => {
    const login = uniqueName("patient");
    for (let i = 0; i < LIMITS.perAccount; i++) await attempt(login, uniqueAddress());
    await expect(attempt(login, uniqueAddress())).rejects.toBeInstanceOf(SignInRateLimitedError);
    const db = await getDb();
    await db.$executeRaw`UPDATE signin_attempts SET window_started_at = now() - interval '16 minutes' WHERE scope = 'account' AND subject = ${accountSubject(login)}`;
    expect(await attempt(login, uniqueAddress())).toBeNull();
    expect(await failures("account", accountSubject(login))).toBe(1);
  });

  it("sign-in: the wait shown is what is left of the window", async () => {
    const login = uniqueName("waiting");
    for (let i = 0; i < LIMITS.perAccount; i++) await attempt(login, uniqueAddress());
    const db = await getDb();
    await db.$executeRaw`UPDATE signin_attempts SET window_started_at = now() - interval '11 minutes 30 seconds' WHERE scope = 'account' AND subject = ${accountSubject(login)}`;
    await expect(attempt(login, uniqueAddress())).rejects.toMatchObject({ retryAfterMinutes: 4 });
  });

  it("sign-in: counters whose window has passed are deleted", async () => {
    const stale = uniqueName("stale");
    await attempt(stale, uniqueAddress());
    const db = await getDb();
    await db.$executeRaw`UPDATE signin_attempts SET window_started_at = now() - interval '20 minutes' WHERE scope = 'account' AND subject = ${accountSubject(stale)}`;
    await attempt(uniqueName("other"), uniqueAddress());
    const rows = await db.$queryRaw<
      unknown[]
    >`SELECT 1 FROM signin_attempts WHERE scope = 'account' AND subject = ${accountSubject(stale)}`;
    expect(rows).toHaveLength(0);
  });

  it("sign-in: parallel guesses (as from several servers) check no more passwords than the limit", async () => {
    const login = uniqueName("parallel");
    let checked = 0;
    const slowWrong = async () => {
      checked++;
      await new Promise((r) => setTimeout(r, 30));
      return null;
    };
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => throttleSignIn({ login, address: uniqueAddress() }, slowWrong, LIMITS)),
    );
    expect(checked).toBe(LIMITS.perAccount);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof SignInRateLimitedError)).toHaveLength(
      12 - LIMITS.perAccount,
    );
  });

  it("sign-in: an error while checking the password is not counted as a failure", async () => {
    const login = uniqueName("unlucky");
    const address = uniqueAddress();
    const broken = async () => {
      throw new Error("database went away");
    };
    await expect(attempt(login, address, broken)).rejects.toThrow("database went away");
    expect(await failures("account", accountSubject(login))).toBe(0);
    expect(await failures("address", address)).toBe(0);
  });

  it("sign-in: next-auth's authorize() counts the address Next put into X-Forwarded-For", async () => {
    const address = uniqueAddress();
    await authorizeSignIn({ username: uniqueName("via-next"), password: "wrong-password" }, { "x-forwarded-for": address });
    expect(await failures("address", address)).toBe(1);
  });

  it("sign-in: the account's name is not stored, only its hash", async () => {
    const login = uniqueName("private");
    await attempt(login, uniqueAddress());
    const db = await getDb();
    const rows = await db.$queryRaw<unknown[]>`SELECT 1 FROM signin_attempts WHERE subject ILIKE ${"%" + login + "%"}`;
    expect(rows).toHaveLength(0);
    expect(await failures("account", accountSubject(login))).toBe(1);
  });
});
