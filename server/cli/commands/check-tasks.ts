import "server-only";
import type { Command } from "commander";
import { maxRuntimeMinutesTextSchema } from "@/server/params/max-runtime";
import { readParam } from "@/server/params/read-param";
import { recoverStuckTasks } from "@/server/recovery/recover-stuck-tasks";
import { cliActor } from "@/server/recovery/recovery-actor";
import { toRecoveryResponse, toStatusCheckResponse } from "@/server/recovery/api-shapes";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { action, printJson, printTable } from "../run-command";

/** The operations guide's check_running_tasks tool: judge running tasks, reset the stuck ones. */
export function registerCheckTasksCommand(program: Command) {
  program
    .command("check-tasks")
    .description("check running tasks like GET /api/diagnosis/tasks/status-check and reset stuck ones to pending (audited as mode cli)")
    .option("--max-runtime-minutes <n>", "runtime limit in minutes (default: each task's own, 30 unless set)")
    .option("--force", "reset every running task, healthy ones too")
    .option("--dry-run", "only report; change nothing")
    .option("--json", "print JSON: the status-check response plus a `recovery` object (null with --dry-run)")
    .action(
      action(async (opts: { maxRuntimeMinutes?: string; force?: boolean; dryRun?: boolean; json?: boolean }) => {
        const maxRuntimeMinutes =
          opts.maxRuntimeMinutes === undefined
            ? undefined
            : readParam(maxRuntimeMinutesTextSchema, opts.maxRuntimeMinutes, "--max-runtime-minutes");
        const status = toStatusCheckResponse(await checkStuckTasks({ maxRuntimeMinutes }));
        const recovery = opts.dryRun
          ? null
          : toRecoveryResponse(await recoverStuckTasks({ forceReset: !!opts.force, maxRuntimeMinutes, mode: "cli", actor: cliActor() }));
        if (opts.json) return printJson({ ...status, recovery });
        process.stdout.write(status.message + "\n");
        if (status.running_tasks.length) {
          const owners = new Map(status.executors.map((e) => [e.id, e.name]));
          printTable(
            status.running_tasks.map((t) => ({
              id: t.id,
              name: t.name,
              runtime_min: t.runtime_minutes,
              owner: (t.owner_instance_id && owners.get(t.owner_instance_id)) ?? "-",
              actually_running: t.is_actually_running,
              stuck_reason: t.stuck_reason ?? "-",
            })),
          );
        }
        if (recovery) {
          process.stdout.write(recovery.message + (recovery.reset_task_ids.length ? `: ${recovery.reset_task_ids.join(", ")}` : "") + "\n");
        } else if (status.total_stuck) {
          process.stdout.write(`dry run: ${opts.force ? status.total_running : status.total_stuck} task(s) would be reset\n`);
        }
      }),
    );
}
