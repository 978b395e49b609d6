import "server-only";
import { badRequest, toAppError } from "@/server/errors";
import { closeDatabase, openDatabase } from "@/server/process/open-database";
import { sentenceIn } from "@/shared/bilingual";

/** What a command needs of the database; by default it opens it, migrated (unless AUTO_MIGRATE=0). */
export interface CommandNeeds {
  /** false: the command never reads the database (image checks, file checks), so it is not opened. */
  database?: boolean;
  /** false: the command deals with migrations itself (`db migrate`). */
  migrate?: boolean;
  /**
   * Commands that create accounts make the admin of an empty database first: the first account must
   * be the admin, or a server started later would find users and create none.
   */
  ensureAdmin?: boolean;
}

/** A command line that asks for something that does not exist: exit code 2 (as usage errors do), not 1. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/**
 * Wraps a CLI action: opens the database as the command declares, runs it, and closes the database
 * again. A failure prints one sentence to stderr and sets a non-zero exit code.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void | number>, needs: CommandNeeds = {}) {
  return async (...args: A) => {
    let code = 0;
    try {
      if (needs.database !== false) await openDatabase({ migrate: needs.migrate !== false, ensureAdmin: needs.ensureAdmin, command: true });
      code = (await fn(...args)) ?? 0;
    } catch (err) {
      const app = toAppError(err);
      const message = app.code === "INTERNAL_SERVER_ERROR" ? unwrittenFailure((err as Error).message ?? String(err)) : app.message;
      process.stderr.write(`error: ${message}\n`);
      code = err instanceof UsageError ? err.exitCode : 1;
    } finally {
      await closeDatabase().catch(() => undefined);
    }
    process.exitCode = code;
  };
}

/**
 * A failure no sentence was written for (a file that is not an image, a library's error) in the
 * form of every other error, "中文 (english).", its own English text as the detail; a message
 * already in that form passes unchanged.
 */
function unwrittenFailure(message: string): string {
  if (sentenceIn(message, "en") !== message) return message;
  return `命令未能完成 (the command failed: ${message.trim().replace(/[.!]*$/, "")}).`;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

/** A plain aligned table for terminals. */
export function printTable(rows: Array<Record<string, unknown>>): void {
  if (rows.length === 0) {
    process.stdout.write("(none)\n");
    return;
  }
  const cols = Object.keys(rows[0]);
  const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? "-" : String(v));
  const widths = cols.map((c) => Math.max(width(c), ...rows.map((r) => width(text(r[c])))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + " ".repeat(widths[i] - width(c)))
      .join("  ")
      .trimEnd() + "\n";
  process.stdout.write(line(cols) + rows.map((r) => line(cols.map((c) => text(r[c])))).join(""));
}

/** Columns a string takes in a terminal: CJK characters are two columns wide. */
const width = (s: string) =>
  [...s].reduce(
    (n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
    0,
  );

export function parsePositiveInt(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw badRequest(`${what} 必须是正整数，而不是 "${value}" (${what} must be a positive whole number, not "${value}").`);
  }
  return Number(value);
}
