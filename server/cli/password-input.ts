import "server-only";
import { badRequest } from "@/server/errors";

/**
 * The password a user command should set: from standard input with --password-stdin (so it shows
 * in neither `ps` nor the shell's history: `printf %s "$PW" | easysight user set-password admin
 * --password-stdin`), from --password, or undefined (the command generates one).
 */
export async function passwordOption(opts: { password?: string; passwordStdin?: boolean }): Promise<string | undefined> {
  if (!opts.passwordStdin) return opts.password;
  if (opts.password !== undefined)
    throw badRequest(
      "密码只能用 --password 或 --password-stdin 其中之一给出 (give the password either with --password or with --password-stdin, not both).",
    );
  if (process.stdin.isTTY)
    throw badRequest(
      "--password-stdin 从管道或文件读取密码，不从终端读取 (--password-stdin reads the password from a pipe or a file, not from the terminal).",
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  // One trailing line break is the pipe's, not the password's (echo "$PW" | ...).
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}
