import "server-only";
import { getDb } from "@/server/db/client";
import { accountSubject } from "./sign-in-throttle";

export interface SignInUnlock {
  /** The logins whose counters were looked at: the account's name and e-mail, or the login as given. */
  logins: string[];
  /** Counters deleted (0: nothing was locked or counting). */
  cleared: number;
}

/**
 * Lifts a sign-in lock by hand (`easysight user unlock`), for an account somebody locked by guessing
 * at its name: clears the failure counters of the account under both logins it can sign in with
 * (user name and e-mail), or of the login as given when no account has it (unknown names are counted
 * like real ones), and, when given, of one client address.
 */
export async function unlockSignIn(login: string, address?: string): Promise<SignInUnlock> {
  const db = await getDb();
  const name = login.trim();
  const user = await db.user.findFirst({
    where: { OR: [{ username: name }, { email: { equals: name, mode: "insensitive" } }] },
    select: { username: true, email: true },
  });
  const logins = user ? [user.username, ...(user.email ? [user.email] : [])] : [name];
  const subjects = logins.map(accountSubject);
  let cleared = await db.$executeRaw`DELETE FROM signin_attempts WHERE scope = 'account' AND subject = ANY(${subjects}::text[])`;
  if (address)
    cleared += await db.$executeRaw`DELETE FROM signin_attempts WHERE scope = 'address' AND subject = ${address.trim().slice(0, 128)}`;
  return { logins, cleared };
}
