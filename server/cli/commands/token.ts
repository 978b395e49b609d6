import "server-only";
import type { Command } from "commander";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/auth/api-tokens";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";
import { action, parsePositiveInt, printJson, printTable } from "../run-command";

export function registerTokenCommands(program: Command) {
  const token = program.command("token").description("manage API tokens for scripts (Authorization: Bearer <token>)");

  token
    .command("create <username>")
    .description("create a token acting as <username>; the token is printed once")
    .requiredOption("-n, --name <name>", 'what the token is for, e.g. "monitoring"')
    .option("--expires-days <days>", "expire after this many days")
    .option("--json", "print JSON")
    .action(
      action(async (username: string, opts: { name: string; expiresDays?: string; json?: boolean }) => {
        const expiresInDays = opts.expiresDays ? parsePositiveInt(opts.expiresDays, "--expires-days") : undefined;
        const { token: value, info } = await createApiToken({ username, name: opts.name, expiresInDays });
        if (opts.json) printJson({ ...info, token: value });
        else process.stdout.write(`${value}\n(token #${info.id} "${info.name}" for ${info.username}; shown once, stored only as a hash)\n`);
      }),
    );

  token
    .command("list")
    .description("list tokens (never their values)")
    .option("-u, --user <username>", "only this user's tokens")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { user?: string; json?: boolean }) => {
        const tokens = await listApiTokens({ username: opts.user });
        if (opts.json) printJson(tokens);
        else
          printTable(
            tokens.map((t) => ({
              id: t.id,
              name: t.name,
              prefix: t.prefix + "…",
              user: t.username,
              created: t.createdAt,
              lastUsed: t.lastUsedAt,
              expires: t.expiresAt,
              revoked: t.revokedAt,
            })),
          );
      }),
    );

  token
    .command("revoke <id>")
    .description("revoke a token; requests using it get 401 from then on")
    .action(
      action(async (id: string) => {
        const revoked = await revokeApiToken(readParam(idTextSchema, id, "token id"));
        process.stdout.write(`token #${revoked.id} "${revoked.name}" revoked\n`);
      }),
    );
}
