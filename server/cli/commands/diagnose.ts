import "server-only";
import type { Command } from "commander";
import { diagnosePaths } from "@/server/diagnosis";
import { FRAME_CHECKS } from "@/shared/finding-codes";
import { parseCheckList } from "../check-list";
import { action, printJson } from "../run-command";

export function registerDiagnoseCommand(program: Command) {
  program
    .command("diagnose <paths...>")
    .description("run the image checks on files; a folder is a sequence of frames in name order, judged on its last frame")
    .option("--checks <codes>", `only these checks, comma-separated: ${FRAME_CHECKS.join(", ")}`)
    .option("--json", 'print [{"path", "abnormal": [codes], "metrics": {...}}]')
    .action(
      action(
        async (paths: string[], opts: { checks?: string; json?: boolean }) => {
          const checks = opts.checks === undefined ? undefined : parseCheckList(opts.checks);
          const results = await diagnosePaths(paths, checks);
          if (opts.json) return printJson(results);
          for (const r of results) process.stdout.write(`${r.path}: ${r.abnormal.length ? r.abnormal.join(", ") : "normal"}\n`);
        },
        { database: false },
      ),
    );
}
