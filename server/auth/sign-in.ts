import { getDb } from "@/server/db/client";
import { hashPassword, verifyPassword } from "./password";
import type { Role } from "./actor";

export interface SignedInUser {
  id: string;
  username: string;
  name: string;
  role: Role;
}

// Verified against when the account does not exist, so that a wrong username costs the same time
// as a wrong password and does not reveal which accounts exist.
let decoyHash: Promise<string> | undefined;

/** Checks a username (or e-mail) and password; null when they do not match an active account. */
export async function verifyCredentials(login: string, password: string): Promise<SignedInUser | null> {
  const name = login.trim();
  if (!name || !password || name.length > 256 || password.length > 256) return null;
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
  return { id: String(user.id), username: user.username, name: user.displayName ?? user.username, role: user.role as Role };
}
