import "server-only";
import type { Command } from "commander";
import { rotateSecretsKey } from "@/server/secrets/rotate-secrets-key";
import { action, printJson } from "../run-command";

export function registerSecretsCommands(program: Command) {
  const secrets = program.command("secrets").description("the key that encrypts camera passwords at rest");
  secrets
    .command("rotate")
    .description(
      "seal every camera password with a new key: generates one into DATA_DIR/secrets-key (the old one stays readable in secrets-key.previous), or, with SECRETS_KEY set, uses it (list the old one in SECRETS_KEY_PREVIOUS)",
    )
    .option("--json", "print JSON")
    .action(
      action(async (opts: { json?: boolean }) => {
        const result = await rotateSecretsKey();
        if (opts.json) return printJson(result);
        const where = result.source === "file" ? "a new key in DATA_DIR/secrets-key" : "SECRETS_KEY";
        process.stdout.write(`sealed ${result.resealed} camera passwords with ${where} (key id ${result.keyId})\n`);
      }),
    );
}
