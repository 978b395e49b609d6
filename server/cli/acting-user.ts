import "server-only";
import { getDb } from "@/server/db/client";
import { notFound } from "@/server/errors";

/**
 * Whom a CLI command records as its actor: the user named with --as, else the first active admin (the
 * account created with the database). Whoever runs the CLI can already reach the database, so this is
 * bookkeeping, not authorization.
 */
export async function actingUser(username?: string): Promise<{ id: number; username: string }> {
  const db = await getDb();
  const user = await db.user.findFirst({
    where: username ? { username } : { role: "admin", isActive: true },
    orderBy: { id: "asc" },
    select: { id: true, username: true },
  });
  if (!user) throw notFound(username ? `No user named "${username}".` : "There is no active admin to act as; name a user with --as.");
  return user;
}
