import "server-only";
import { env } from "@/server/config/env";
import { getDb } from "@/server/db/client";
import { clientAddress, FORWARDED_FOR } from "@/server/http/client-address";
import { logger } from "@/server/logging/logger";
import { hashPassword, verifyPassword } from "./password";
import { SIGN_IN_UNAVAILABLE } from "@/shared/sign-in-errors";
import { SignInRateLimitedError, throttleSignIn } from "./sign-in-throttle";
import type { Role } from "@/shared/actor";

export interface SignedInUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** Goes into the session, which ends once the account's version moves on (auth-options.ts). */
  sessionVersion: number;
}

// Verified against when the account does not exist, so that a wrong username costs the same time
// as a wrong password and does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

const isPlausible = (login: string, password: string) => !!login.trim() && !!password && login.length <= 256 && password.length <= 256;

/** Checks a username (or e-mail) and password; null when they do not match an active account. */
export async function verifyCredentials(login: string, password: string): Promise<SignedInUser | null> {
  const name = login.trim();
  if (!isPlausible(login, password)) return null;
  const db = await getDb();
  const user = await db.user.findFirst({
    where: { OR: [{ username: name }, { email: { equals: name, mode: "insensitive" } }] },
  });
  if (!user || !user.isActive) {
    await verifyPassword(await (decoyHash ??= hashPassword("decoy-password")), password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return {
    id: String(user.id),
    username: user.username,
    name: user.displayName ?? user.username,
    role: user.role as Role,
    sessionVersion: user.sessionVersion,
  };
}

/** The sign-in form's check: the credentials, behind the per-account and per-address rate limit. */
export async function signInWithPassword(login: string, password: string, address: string): Promise<SignedInUser | null> {
  if (!isPlausible(login, password)) return null;
  return throttleSignIn({ login, address }, () => verifyCredentials(login, password));
}

/**
 * next-auth's authorize(): the message of anything thrown here reaches the browser, so it is one of
 * the codes in sign-in-errors.ts and never a database error's text.
 */
export async function authorizeSignIn(
  credentials: Record<string, string> | undefined,
  headers: Record<string, string | undefined> | undefined,
) {
  const address = clientAddress(headers?.[FORWARDED_FOR], env.TRUST_PROXY);
  try {
    return await signInWithPassword(credentials?.username ?? "", credentials?.password ?? "", address);
  } catch (err) {
    if (err instanceof SignInRateLimitedError) {
      logger.warn({ address, retryAfterMinutes: err.retryAfterMinutes }, "sign-in refused: too many failed attempts");
      throw err;
    }
    logger.error({ err }, "sign-in failed");
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}
