import "server-only";
import type { Command } from "commander";
import { startWorkerProcess } from "@/server/process/start-worker-process";

export function registerWorkerCommands(program: Command) {
  program
    .command("worker")
    .description(
      "run diagnosis tasks in this process (no web server) until SIGTERM/SIGINT; any number of workers and servers can share one database",
    )
    .action(startWorkerProcess);
}
