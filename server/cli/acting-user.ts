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
  if (!user)
    throw notFound(
      username
        ? `没有名为 "${username}" 的用户 (no user named "${username}").`
        : "没有可代为操作的启用状态管理员，请用 --as 指定用户 (there is no active admin to act as; name a user with --as).",
    );
  return user;
}
