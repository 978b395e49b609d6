import { dataDir } from "../support/use-embedded-database";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { logDir } from "@/server/config/env";
import { withControlLock } from "@/server/db/embedded/control-lock";
import { openEmbeddedDatabase } from "@/server/db/embedded/embedded-server";
import { embeddedDatabaseUrl } from "@/server/db/embedded/embedded-url";
import { ensurePostmaster } from "@/server/db/embedded/ensure-postmaster";
import { IN_USE_LOCK } from "@/server/db/embedded/in-use-lock";
import { postmasterState, stopPostmaster } from "@/server/db/embedded/postmaster";
import { waitFor } from "../support/wait-for";

const run = promisify(execFile);

const cliEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ADMIN_USERNAME: "boss", DEMO_DATA: "0", AUTO_MIGRATE: "1", ...extra };
  delete env.DATABASE_URL;
  return env;
};
const cli = (args: string[], extra?: Record<string, string>) =>
  run(process.execPath, ["bin/easysight.mjs", ...args], { env: cliEnv(extra), timeout: 120_000 });

const running = () => postmasterState().status === "running";
const stopIfRunning = async () => {
  if (running()) await stopPostmaster();
};

/** Postmaster processes on this file's data directory (backends rename themselves "postgres: ..."). */
function postmasters(): number {
  const pgDir = path.join(dataDir, "postgres");
  return fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const args = fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0");
        return args.includes("-D") && args.includes(pgDir);
      } catch {
        return false;
      }
    }).length;
}

/** Backends holding the in-use lock in shared mode: one per process that uses the server. */
async function inUseHolders(): Promise<number[]> {
  const client = new pg.Client({ connectionString: embeddedDatabaseUrl("postgres") });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND mode = 'ShareLock' AND granted
         AND ((classid::bigint << 32) | objid::bigint) = $1 ORDER BY pid`,
      [IN_USE_LOCK],
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

const killPostmaster = () => {
  const state = postmasterState();
  if (state.status !== "running") throw new Error("no postmaster to kill");
  process.kill(state.pid, "SIGKILL");
  return state.pid;
};

describe("embedded database", () => {
  it("two CLI processes started at once share one embedded PostgreSQL and make the admin account once", async () => {
    const [a, b] = await Promise.all([cli(["user", "create", "alice"]), cli(["user", "create", "bob"])]);
    // The first account of the empty database is the admin, created exactly once, with its password
    // printed by exactly one process.
    expect([a.stderr, b.stderr].filter((s) => s.includes("Admin account created"))).toHaveLength(1);
    const users = JSON.parse((await cli(["user", "list", "--json"])).stdout) as Array<{ username: string; role: string }>;
    expect(users[0]).toMatchObject({ username: "boss", role: "admin" });
    expect(
      users
        .slice(1)
        .map((u) => `${u.username} ${u.role}`)
        .sort(),
    ).toEqual(["alice viewer", "bob viewer"]);
    expect(fs.statSync(path.join(dataDir, "postgres-password")).mode & 0o077).toBe(0);
  }, 180_000);

  it("a CLI command that started the embedded PostgreSQL itself stops it again when it is done", async () => {
    await stopIfRunning();
    await cli(["user", "list"]);
    expect(running()).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid"))).toBe(false);
  }, 120_000);

  it("a CLI command leaves running a server that another process uses, and the last long-lived process to leave stops it", async () => {
    await stopIfRunning();
    const server = await openEmbeddedDatabase({ command: false }); // as a web server holds it
    await cli(["user", "list"]);
    expect(running()).toBe(true);
    await server.release();
    expect(running()).toBe(false);
  }, 120_000);

  it("after kill -9 of the postmaster, two CLI commands that find it dead at once start one server, and neither stops it", async () => {
    await ensurePostmaster();
    killPostmaster();
    await waitFor(async () => postmasterState().status === "crashed", 10_000, "the postmaster to die");
    const children: Array<Promise<{ stdout: string; stderr: string }>> = [];
    const outputs = ["", ""];
    // Both commands reach the control lock while this test holds it, so they race for it when it is let go.
    await withControlLock(async () => {
      for (const i of [0, 1]) {
        const child = cli(["user", "list", "--json"], { LOG_LEVEL: "debug" });
        child.child.stderr!.on("data", (d) => (outputs[i] += d));
        children.push(child);
      }
      await waitFor(async () => outputs.every((o) => o.includes("is not running: starting it")), 60_000, "both commands to wait");
    });
    const results = await Promise.all(children);
    expect(results.filter((r) => r.stderr.includes("had died")).length).toBe(1);
    for (const r of results) expect(JSON.parse(r.stdout).map((u: { username: string }) => u.username)).toContain("boss");
    expect(running()).toBe(true);
    expect(postmasters()).toBe(1);
  }, 180_000);

  it("a process takes the in-use lock again after its connection is cut, and restarts the server (logging it) after kill -9", async () => {
    await stopIfRunning();
    const server = await openEmbeddedDatabase({ command: false });
    try {
      const [first] = await inUseHolders();
      const admin = new pg.Client({ connectionString: embeddedDatabaseUrl("postgres") });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [first]);
      await admin.end();
      const [second] = await waitFor(
        async () => {
          const holders = await inUseHolders();
          return holders.length === 1 && holders[0] !== first && holders;
        },
        20_000,
        "the lock to be taken again",
      );
      expect(second).not.toBe(first);

      const dead = killPostmaster();
      await waitFor(
        async () => {
          const state = postmasterState();
          return state.status === "running" && state.pid !== dead && (await inUseHolders().catch(() => [])).length === 1;
        },
        30_000,
        "the server to be restarted and the lock taken again",
      );
      const log = fs.readFileSync(path.join(logDir, "diagnosis.log"), "utf8").split("\n");
      expect(log.some((l) => l.includes(`"pid":${process.pid}`) && l.includes("had died"))).toBe(true);
    } finally {
      await server.release();
    }
    expect(running()).toBe(false);
  }, 120_000);
});
