import { closeDb } from "@/server/db/client";
import { toAppError } from "@/server/errors";

/**
 * Wraps a CLI action: a failure prints one sentence to stderr and sets a non-zero exit code; the
 * database is always closed so that an embedded server started by this command is stopped again.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void | number>) {
  return async (...args: A) => {
    let code = 0;
    try {
      code = (await fn(...args)) ?? 0;
    } catch (err) {
      const app = toAppError(err);
      const message = app.code === "INTERNAL_SERVER_ERROR" ? ((err as Error).message ?? String(err)) : app.message;
      process.stderr.write(`error: ${message}\n`);
      code = 1;
    } finally {
      await closeDb().catch(() => undefined);
    }
    process.exitCode = code;
  };
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
    throw new Error(`${what} must be a positive whole number, not "${value}".`);
  }
  return Number(value);
}
