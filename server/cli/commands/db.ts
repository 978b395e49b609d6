import type { Command } from "commander";
import { openDatabaseTarget } from "@/server/db/prepare-database";
import { applyMigrations } from "@/server/db/migrate";
import { action } from "../run-command";

export function registerDbCommands(program: Command) {
  const db = program.command("db").description("database maintenance");
  db.command("migrate")
    .description("apply pending migrations (servers also do this at start unless AUTO_MIGRATE=0)")
    .action(
      action(async () => {
        const target = await openDatabaseTarget();
        try {
          process.stdout.write(await applyMigrations(target.url));
        } finally {
          await target.release();
        }
      }),
    );
}
