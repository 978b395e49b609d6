import type { Command } from "commander";
import { generatePassword } from "@/server/auth/password";
import { createUser, listUsers, roleSchema, setUserPassword, setUserRole } from "@/server/users/users";
import { action, printJson, printTable } from "../run-command";

export function registerUserCommands(program: Command) {
  const user = program.command("user").description("manage user accounts");

  user
    .command("create <username>")
    .description("create a user; prints a generated password unless --password is given")
    .option("-r, --role <role>", "admin | operator | viewer", "viewer")
    .option("-p, --password <password>", "password (at least 8 characters)")
    .option("-e, --email <email>", "e-mail address (can be used to sign in)")
    .action(
      action(async (username: string, opts: { role: string; password?: string; email?: string }) => {
        const password = opts.password ?? generatePassword();
        const created = await createUser({ username, password, role: roleSchema.parse(opts.role), email: opts.email });
        process.stdout.write(`created ${created.role} "${created.username}" (id ${created.id})\n`);
        if (!opts.password) process.stdout.write(`password: ${password}\n(shown once; it is stored only as a hash)\n`);
      }),
    );

  user
    .command("list")
    .description("list users")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { json?: boolean }) => {
        const users = await listUsers();
        if (opts.json) printJson(users);
        else printTable(users.map((u) => ({ id: u.id, username: u.username, role: u.role, active: u.isActive, email: u.email, lastLogin: u.lastLoginAt })));
      }),
    );

  user
    .command("set-role <username> <role>")
    .description("change a user's role")
    .action(
      action(async (username: string, role: string) => {
        const updated = await setUserRole(username, roleSchema.parse(role));
        process.stdout.write(`"${updated.username}" is now ${updated.role}\n`);
      }),
    );

  user
    .command("set-password <username>")
    .description("set a new password; prints a generated one unless --password is given")
    .option("-p, --password <password>", "new password (at least 8 characters)")
    .action(
      action(async (username: string, opts: { password?: string }) => {
        const password = opts.password ?? generatePassword();
        await setUserPassword(username, password);
        process.stdout.write(opts.password ? `password of "${username}" changed\n` : `new password of "${username}": ${password}\n`);
      }),
    );
}
