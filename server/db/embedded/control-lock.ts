import "server-only";
import fs from "node:fs/promises";
import { controlLockFile } from "./paths";

/** Longer than a start may take (pg_ctl waits 60 s): an older lock is abandoned, whoever holds it. */
const STALE_AFTER_MS = 120_000;

/**
 * Runs `fn` while holding the control lock of the embedded PostgreSQL, so that one process at a
 * time starts or stops it. It is a file in DATA_DIR, created exclusively, holding its owner's pid:
 * the database cannot lock anything while it is down. A lock whose owner has died (killed mid-start)
 * or that is older than STALE_AFTER_MS is taken over. PostgreSQL's own postmaster.pid stays the last
 * guard against two servers on one data directory.
 */
export async function withControlLock<T>(fn: () => Promise<T>): Promise<T> {
  const file = controlLockFile();
  for (;;) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: "wx", mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = await readOwner(file);
    if (owner && (!alive(owner.pid) || Date.now() - owner.since > STALE_AFTER_MS)) await takeOver(file, owner.pid);
    else await new Promise((r) => setTimeout(r, 100));
  }
  try {
    return await fn();
  } finally {
    await fs.rm(file, { force: true });
  }
}

/** Who holds the lock; a pid of 0 while the owner has created the file but not yet written it. */
async function readOwner(file: string): Promise<{ pid: number; since: number } | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(file, "utf8"), fs.stat(file)]);
    return { pid: Number(text) || 0, since: stat.mtimeMs };
  } catch {
    return undefined; // released meanwhile: try again
  }
}

function alive(pid: number): boolean {
  if (pid === 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM"; // alive, but another user's process
  }
}

/**
 * Moves the abandoned lock aside (rename is atomic: of several processes taking over the same lock,
 * one succeeds). If what was moved is not the abandoned lock but a fresh one another process took in
 * the meantime, it is put back.
 */
async function takeOver(file: string, deadPid: number): Promise<void> {
  const aside = `${file}.${process.pid}`;
  try {
    await fs.rename(file, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = await readOwner(aside);
  if (moved && moved.pid !== deadPid) await fs.link(aside, file).catch(() => undefined);
  await fs.rm(aside, { force: true });
}
