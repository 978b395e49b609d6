import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { rateLimitedCode } from "@/shared/sign-in-errors";

export interface SignInLimits {
  perAccount: number;
  perAddress: number;
  windowMinutes: number;
}

export const signInLimits = (): SignInLimits => ({
  perAccount: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT,
  perAddress: env.SIGNIN_MAX_FAILURES_PER_ADDRESS,
  windowMinutes: env.SIGNIN_WINDOW_MINUTES,
});

/** Thrown instead of checking the password; its message is the code the sign-in form understands. */
export class SignInRateLimitedError extends Error {
  constructor(readonly retryAfterMinutes: number) {
    super(rateLimitedCode(retryAfterMinutes));
    this.name = "SignInRateLimitedError";
  }
}

interface Counter {
  scope: "account" | "address";
  subject: string;
  max: number;
}

class Refused extends Error {
  constructor(readonly counters: Counter[]) {
    super("sign-in attempt refused");
  }
}

/**
 * The account's counter is keyed by the login as typed (trimmed, lower-cased), hashed: an unknown
 * name is counted and locked exactly like a real one, so a lock reveals nothing about which accounts
 * exist, and a password typed into the name field is never stored.
 */
export const accountSubject = (login: string) => createHash("sha256").update(login.trim().toLowerCase()).digest("hex");

/**
 * Runs `attempt` (a password check) unless the account or the address has used up its failures in
 * the window. The attempt is counted BEFORE the password is checked, with a conditional upsert that
 * refuses once the counter is at its maximum: parallel guesses (on any number of servers) cannot all
 * pass a "check, then count later" gap. A success clears the account's counter and gives the
 * address its attempt back; an error (not a wrong password) gives both back.
 */
export async function throttleSignIn<T>(
  who: { login: string; address: string },
  attempt: () => Promise<T | null>,
  limits = signInLimits(),
): Promise<T | null> {
  const counters: Counter[] = [
    { scope: "account", subject: accountSubject(who.login), max: limits.perAccount },
    { scope: "address", subject: who.address.slice(0, 128), max: limits.perAddress },
  ];
  await reserve(counters, limits.windowMinutes);
  let result: T | null;
  try {
    result = await attempt();
  } catch (err) {
    await giveBack(counters);
    throw err;
  }
  const db = await getDb();
  if (result) {
    await db.$executeRaw`DELETE FROM signin_attempts WHERE scope = 'account' AND subject = ${counters[0]!.subject}`;
    await giveBack([counters[1]!]);
  } else {
    await db.$executeRaw`DELETE FROM signin_attempts WHERE window_started_at <= now() - make_interval(mins => ${limits.windowMinutes})`;
  }
  return result;
}

async function reserve(counters: Counter[], windowMinutes: number) {
  const db = await getDb();
  try {
    // One transaction, always account before address (a fixed lock order): if either is refused,
    // the other's increment is rolled back, so a refused attempt costs nothing.
    await db.$transaction(async (tx) => {
      const refused: Counter[] = [];
      for (const c of counters) {
        const rows = await tx.$queryRaw<unknown[]>`
          INSERT INTO signin_attempts AS a (scope, subject, failures, window_started_at)
          VALUES (${c.scope}, ${c.subject}, 1, now())
          ON CONFLICT (scope, subject) DO UPDATE SET
            failures = CASE WHEN a.window_started_at <= now() - make_interval(mins => ${windowMinutes}) THEN 1 ELSE a.failures + 1 END,
            window_started_at = CASE WHEN a.window_started_at <= now() - make_interval(mins => ${windowMinutes}) THEN now() ELSE a.window_started_at END
          WHERE a.window_started_at <= now() - make_interval(mins => ${windowMinutes}) OR a.failures < ${c.max}
          RETURNING a.failures`;
        if (rows.length === 0) refused.push(c);
      }
      if (refused.length) throw new Refused(refused);
    });
  } catch (err) {
    if (!(err instanceof Refused)) throw err;
    throw new SignInRateLimitedError(await minutesUntilFree(err.counters, windowMinutes));
  }
}

async function minutesUntilFree(counters: Counter[], windowMinutes: number): Promise<number> {
  const db = await getDb();
  const waits = await Promise.all(
    counters.map(async (c) => {
      const [row] = await db.$queryRaw<Array<{ seconds: number }>>`
        SELECT extract(epoch FROM window_started_at + make_interval(mins => ${windowMinutes}) - now())::float8 AS seconds
        FROM signin_attempts WHERE scope = ${c.scope} AND subject = ${c.subject}`;
      return row?.seconds ?? 0;
    }),
  );
  return Math.max(1, Math.ceil(Math.max(...waits) / 60));
}

async function giveBack(counters: Counter[]) {
  const db = await getDb();
  for (const c of counters) {
    await db.$executeRaw`UPDATE signin_attempts SET failures = failures - 1 WHERE scope = ${c.scope} AND subject = ${c.subject} AND failures > 0`;
  }
}
