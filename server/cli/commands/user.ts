import "server-only";
import type { Command } from "commander";
import { generatePassword } from "@/server/auth/password";
import { unlockSignIn } from "@/server/auth/unlock-sign-in";
import { createUser, listUsers, roleSchema, setUserActive, setUserPassword, setUserRole, signOutEverywhere } from "@/server/users/users";
import { passwordOption } from "../password-input";
import { action, printJson, printTable } from "../run-command";

export function registerUserCommands(program: Command) {
  const user = program.command("user").description("manage user accounts");

  user
    .command("create <username>")
    .description("create a user; prints a generated password unless --password is given")
    .option("-r, --role <role>", "admin | operator | viewer", "viewer")
    .option("-p, --password <password>", "password (at least 8 characters; visible in ps, prefer --password-stdin)")
    .option("--password-stdin", "read the password from standard input")
    .option("-e, --email <email>", "e-mail address (can be used to sign in)")
    .action(
      action(
        async (username: string, opts: { role: string; password?: string; passwordStdin?: boolean; email?: string }) => {
          const given = await passwordOption(opts);
          const password = given ?? generatePassword();
          const created = await createUser({ username, password, role: roleSchema.parse(opts.role), email: opts.email });
          process.stdout.write(`created ${created.role} "${created.username}" (id ${created.id})\n`);
          if (given === undefined) process.stdout.write(`password: ${password}\n(shown once; it is stored only as a hash)\n`);
        },
        { ensureAdmin: true },
      ),
    );

  user
    .command("list")
    .description("list users")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { json?: boolean }) => {
        const users = await listUsers();
        if (opts.json) printJson(users);
        else
          printTable(
            users.map((u) => ({
              id: u.id,
              username: u.username,
              role: u.role,
              active: u.isActive,
              email: u.email,
              lastLogin: u.lastLoginAt,
            })),
          );
      }),
    );

  user
    .command("set-role <username> <role>")
    .description("change a user's role")
    .action(
      action(async (username: string, role: string) => {
        const updated = await setUserRole(username, roleSchema.parse(role));
        process.stdout.write(`"${updated.username}" is now ${updated.role} (a changed role ends their sessions)\n`);
      }),
    );

  user
    .command("set-password <username>")
    .description("set a new password; prints a generated one unless --password is given")
    .option("-p, --password <password>", "new password (at least 8 characters; visible in ps, prefer --password-stdin)")
    .option("--password-stdin", "read the new password from standard input")
    .action(
      action(async (username: string, opts: { password?: string; passwordStdin?: boolean }) => {
        const given = await passwordOption(opts);
        const password = given ?? generatePassword();
        await setUserPassword(username, password);
        process.stdout.write(
          (given !== undefined ? `password of "${username}" changed` : `new password of "${username}": ${password}`) +
            "\n(their sessions have ended)\n",
        );
      }),
    );

  user
    .command("sign-out-all <username>")
    .description("end every session of a user at once (API tokens keep working; revoke them with `token revoke`)")
    .action(
      action(async (username: string) => {
        await signOutEverywhere(username);
        process.stdout.write(`every session of "${username}" has ended; they sign in again\n`);
      }),
    );

  for (const [name, active] of [
    ["disable", false],
    ["enable", true],
  ] as const) {
    user
      .command(`${name} <username>`)
      .description(
        active ? "let a disabled user sign in again" : "stop a user from signing in; ends their sessions and stops their API tokens",
      )
      .action(
        action(async (username: string) => {
          await setUserActive(username, active);
          process.stdout.write(`"${username}" is now ${active ? "enabled" : "disabled"}\n`);
        }),
      );
  }

  user
    .command("unlock <login>")
    .description("lift a sign-in lock: clear the failed-attempt counters of an account (name or e-mail)")
    .option("-a, --address <ip>", "also clear the counter of this client address")
    .action(
      action(async (login: string, opts: { address?: string }) => {
        const { logins, cleared } = await unlockSignIn(login, opts.address);
        const what = [logins.map((l) => `"${l}"`).join(" and "), opts.address].filter(Boolean).join(", ");
        process.stdout.write(cleared ? `unlocked ${what}: ${cleared} counter(s) cleared\n` : `nothing to unlock for ${what}\n`);
      }),
    );
}
