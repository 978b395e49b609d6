import "server-only";
import { Command, type ErrorOptions } from "commander";

/**
 * Commander refuses a command line it cannot parse (an unknown option, a missing argument) with its
 * own English text. The CLI answers in the API's form like every other error, "中文 (english).": the
 * Chinese half by commander's error code ({} stands for the names it quotes), the English half is
 * commander's own.
 */
const CHINESE: Record<string, string> = {
  "commander.missingArgument": "缺少必需的参数 {}",
  "commander.optionMissingArgument": "选项 {} 缺少取值",
  "commander.missingMandatoryOptionValue": "缺少必需的选项 {}",
  "commander.conflictingOption": "选项 {} 不能同时使用",
  "commander.unknownOption": "未知的选项 {}",
  "commander.excessArguments": "命令 {} 的参数过多",
  "commander.unknownCommand": "未知的命令 {}",
  "commander.invalidArgument": "参数取值无效 {}",
};

export function bilingualUsageError(message: string, code: string | undefined): string {
  const zh = code ? CHINESE[code] : undefined;
  if (!zh) return message;
  // A suggestion ("(Did you mean --json?)") stays on its own line after the sentence.
  const [first, ...rest] = message.replace(/^error: /, "").split("\n");
  const en = first.replace(/\.$/, "");
  const quoted = en.match(/'[^']*'/g) ?? [];
  return [`error: ${zh.replace("{}", quoted.join("、")).replace(/\s+/g, " ").trim()} (${en}).`, ...rest].join("\n");
}

/** The CLI's Command: every subcommand made with .command() is one too, so all usage errors pass here. */
export class BilingualCommand extends Command {
  override createCommand(name?: string): Command {
    return new BilingualCommand(name);
  }

  override error(message: string, options?: ErrorOptions): never {
    return super.error(bilingualUsageError(message, options?.code), options);
  }
}
