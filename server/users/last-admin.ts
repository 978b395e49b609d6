import "server-only";
import type { Prisma } from "@/server/db/generated/client";
import { badRequest } from "@/server/errors";

/**
 * Refuses a change that would leave no active admin (a demotion or a disabled account): nobody could
 * then recover tasks or fix roles. The active admins' rows are locked, so two admins demoting or
 * disabling each other at once take turns, and the second one sees the first one's change (and is
 * refused). Call it inside the transaction that makes the change.
 */
export async function refuseRemovingLastAdmin(tx: Prisma.TransactionClient, user: { id: number; username: string }): Promise<void> {
  const admins = await tx.$queryRaw<Array<{ id: number }>>`SELECT id FROM users WHERE role = 'admin' AND is_active FOR UPDATE`;
  if (admins.length <= 1 && admins.some((a) => a.id === user.id)) {
    throw badRequest(
      `"${user.username}" 是最后一位管理员，请先把另一位用户设为管理员 ("${user.username}" is the last admin; make another user admin first).`,
      { reason: "last_admin" },
    );
  }
}
