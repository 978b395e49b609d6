import { Command } from "commander";
import { registerDbCommands } from "./commands/db";
import { registerTokenCommands } from "./commands/token";
import { registerUserCommands } from "./commands/user";

const program = new Command()
  .name("easysight")
  .description("EasySight diagnosis: users, tokens, tasks, workers and recovery from the command line")
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

registerUserCommands(program);
registerTokenCommands(program);
registerDbCommands(program);

await program.parseAsync(process.argv);
