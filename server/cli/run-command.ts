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
      const message = app.code === "INTERNAL_SERVER_ERROR" ? (err as Error).message ?? String(err) : app.message;
      process.stderr.write(`error: ${message}\n`);
      code = 1;
    } finally {
      await closeDb().catch(() => undefined);
    }
    process.exitCode = code;
  };
}

export const printJson = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + "\n");

/** A plain aligned table for terminals. */
export function printTable(rows: Array<Record<string, unknown>>): void {
  if (rows.length === 0) {
    process.stdout.write("(none)\n");
    return;
  }
  const cols = Object.keys(rows[0]);
  const text = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? "-" : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd() + "\n";
  process.stdout.write(line(cols) + rows.map((r) => line(cols.map((c) => text(r[c])))).join(""));
}

export function parsePositiveInt(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new Error(`${what} must be a positive whole number, not "${value}".`);
  }
  return Number(value);
}
