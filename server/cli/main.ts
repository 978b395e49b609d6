import "server-only";
import { registerAlertCommands } from "./commands/alerts";
import { registerAuditCommands } from "./commands/audit";
import { registerCameraCommands } from "./commands/camera";
import { registerCheckTasksCommand } from "./commands/check-tasks";
import { registerDbCommands } from "./commands/db";
import { registerDiagnoseCommand } from "./commands/diagnose";
import { registerTokenCommands } from "./commands/token";
import { registerTaskCommands } from "./commands/task";
import { registerUserCommands } from "./commands/user";
import { registerSecretsCommands } from "./commands/secrets";
import { registerWorkerCommands } from "./commands/worker";
import { BilingualCommand } from "./usage-errors";

const program = new BilingualCommand()
  .name("easysight")
  .description("EasySight diagnosis: users, tokens, tasks, workers and recovery from the command line")
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerUserCommands(program);
registerCameraCommands(program);
registerTokenCommands(program);
registerDbCommands(program);
registerSecretsCommands(program);
registerTaskCommands(program);
registerWorkerCommands(program);
registerCheckTasksCommand(program);
registerAuditCommands(program);
registerAlertCommands(program);
registerDiagnoseCommand(program);

await program.parseAsync(process.argv);
