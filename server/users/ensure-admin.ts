import "server-only";
import type { PrismaClient } from "@/server/db/generated/client";
import { env } from "@/server/config/env";
import { generatePassword, hashPassword } from "@/server/auth/password";
import { logger } from "@/server/logging/logger";

/**
 * An empty database gets one admin account. Its password comes from ADMIN_PASSWORD or is generated
 * and printed once; there is no built-in default password.
 */
export async function ensureAdminAccount(db: PrismaClient): Promise<void> {
  if ((await db.user.count()) > 0) return;
  const password = env.ADMIN_PASSWORD ?? generatePassword();
  const passwordHash = await hashPassword(password);
  // Two processes may start on an empty database at once: the unique username lets one of them win.
  const created = await db.user.createMany({
    data: [{ username: env.ADMIN_USERNAME, displayName: "Administrator", passwordHash, role: "admin" }],
    skipDuplicates: true,
  });
  if (created.count === 0) return;
  logger.info({ username: env.ADMIN_USERNAME }, "created the first admin account");
  const shown = env.ADMIN_PASSWORD ? "(the value of ADMIN_PASSWORD)" : password;
  // stderr: shown in the terminal, and keeps a CLI's --json output on stdout clean.
  process.stderr.write(
    [
      "",
      "  ┌─ EasySight: first start ─────────────────────────────────────────",
      `  │ Admin account created.  user: ${env.ADMIN_USERNAME}   password: ${shown}`,
      "  │ This password is shown only once. Change it with:",
      `  │   npx easysight user set-password ${env.ADMIN_USERNAME}`,
      "  └──────────────────────────────────────────────────────────────────",
      "",
    ].join("\n") + "\n",
  );
}
