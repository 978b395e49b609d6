import type { Command } from "commander";
import { getDatabaseInfo } from "@/server/db/client";
import { exitGracefullyOnSignals, startBackgroundServices } from "@/server/process/background-services";

export function registerWorkerCommands(program: Command) {
  program
    .command("worker")
    .description(
      "run diagnosis tasks in this process (no web server) until SIGTERM/SIGINT; any number of workers and servers can share one database",
    )
    .action(async () => {
      const info = await getDatabaseInfo().catch((err: Error) => {
        process.stderr.write(`error: the worker cannot open the database: ${err.message}\n`);
        process.exit(1);
      });
      process.stderr.write(`worker started (${info.embedded ? "embedded database" : "DATABASE_URL"}); stop with Ctrl-C or SIGTERM\n`);
      exitGracefullyOnSignals();
      await startBackgroundServices("worker");
    });
}
