import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { waitFor } from "@/test/support/wait-for";
import { SERVER_HEAP_FLAG } from "./server-heap";
import { FIXTURE_FILES_ROOT } from "./camera-server";

const execFileAsync = promisify(execFile);

/** A child process of a benchmark or fault check: a web server, a worker, or a CLI call. */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM (or the given signal), then SIGKILL after `graceMs`; resolves with the exit code. */
  stop: (signal?: NodeJS.Signals, graceMs?: number) => Promise<number | null>;
}

/**
 * The environment every process of one benchmark shares: one database, one auth secret, one time
 * zone, logs in a scratch folder. Nothing is written into the project's own .data or logs. Without
 * a `databaseUrl` they share the embedded PostgreSQL of the scratch DATA_DIR (give EMBEDDED_PG_PORT
 * in `extra`).
 */
export function clusterEnv(databaseUrl: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "easysight-bench-"));
  fs.chmodSync(scratch, 0o755); // the embedded PostgreSQL runs as the user "postgres" when we are root
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTO_MIGRATE: "0",
    DEMO_DATA: "0",
    DATA_DIR: path.join(scratch, "data"),
    LOG_DIR: path.join(scratch, "logs"),
    LOG_LEVEL: "warn",
    NEXTAUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123456789",
    ADMIN_PASSWORD: "bench-admin-password",
    TZ: "UTC",
    // The fixture images are file cameras of benches and fault scripts.
    CAMERA_FILES_ROOT: FIXTURE_FILES_ROOT,
    ...extra,
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  return env;
}

/** Starts `node <args>` from the project folder; its output is kept (the last 200 kB) for error messages. */
export function spawnNode(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): Proc {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], cwd });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-200_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const proc: Proc = {
    name,
    child,
    pid: child.pid!,
    output: () => out,
    exited,
    async stop(signal = "SIGTERM", graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return proc;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `easysight worker`, optionally with node flags (e.g. `--import` of a preload script). */
export function startWorker(name: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Proc {
  return spawnNode(name, [...nodeFlags, "bin/easysight.mjs", "worker"], env);
}

/**
 * Where `next start` runs: the project folder, or BENCH_APP_DIR, a built copy of it (so that a
 * benchmark does not need, or disturb, the .next folder others build into).
 */
export const appDir = () => path.resolve(process.env.BENCH_APP_DIR ?? process.cwd());

const SOURCES = ["app", "server", "components", "instrumentation.ts", "proxy.ts", "next.config.ts"];

function newestSource(dir: string): number {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...fs
      .readdirSync(dir)
      .filter((f) => f !== "generated")
      .map((f) => newestSource(path.join(dir, f))),
  );
}

/**
 * Describes the production build `next start` will serve; throws when there is none (run `npm run
 * build` first), warns when sources changed after it (a stale build measures old code).
 */
export function requireBuild(): string {
  const file = path.join(appDir(), ".next", "BUILD_ID");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (next start serves the production build).`);
  const built = fs.statSync(file).mtimeMs;
  const stale = SOURCES.some((s) => newestSource(path.join(appDir(), s)) > built);
  if (stale) process.stderr.write(`warning: ${file} is older than some sources: the web server will run an old build (npm run build)\n`);
  return `${fs.readFileSync(file, "utf8").trim()} in ${appDir()} (built ${new Date(built).toISOString()}${stale ? ", OLDER THAN THE SOURCES" : ""})`;
}

export interface WebServer extends Proc {
  url: string;
}

/** `next start` on a free port, as `npm start` runs it; resolves once /api/health answers ok. */
export async function startWeb(name: string, env: NodeJS.ProcessEnv): Promise<WebServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = spawnNode(
    name,
    ["node_modules/next/dist/bin/next", "start", "-p", String(port)],
    {
      ...env,
      PORT: String(port),
      NEXTAUTH_URL: url,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXT_MANUAL_SIG_HANDLE: "true",
      NODE_OPTIONS: `${SERVER_HEAP_FLAG} ${env.NODE_OPTIONS ?? ""}`.trim(), // as package.json's start script
    },
    appDir(),
  );
  await waitFor(
    async () => {
      if (proc.child.exitCode !== null) throw new Error(`${name} exited: ${proc.output()}`);
      return (await fetch(`${url}/api/health`).catch(() => null))?.ok;
    },
    120_000,
    () => `${name} to answer /api/health (${proc.output().slice(-2000)})`,
  );
  return { ...proc, url };
}

/** Runs `easysight <args>` and returns its stdout. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, ["bin/easysight.mjs", ...args], { env, timeout: 120_000 });
  return stdout;
}

/** An API token of the admin account, made with the CLI as an operator would. */
export async function adminToken(env: NodeJS.ProcessEnv): Promise<string> {
  const created = JSON.parse(await cli(["token", "create", env.ADMIN_USERNAME ?? "admin", "--name", "bench", "--json"], env));
  return created.token as string;
}

/** GET with a bearer token; throws on a non-2xx answer. */
export async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The machine's load average, to print next to every figure (other builds share these cores). */
export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Peak resident memory (VmHWM) of a process and its descendants, in MB; 0 once it has exited. */
export function peakRssMb(pid: number): number {
  const status = (p: number) => {
    try {
      return fs.readFileSync(`/proc/${p}/status`, "utf8");
    } catch {
      return "";
    }
  };
  const children = (p: number): number[] => {
    try {
      return fs
        .readdirSync(`/proc/${p}/task`)
        .flatMap((t) => fs.readFileSync(`/proc/${p}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const kb = (p: number) => Number(/VmHWM:\s+(\d+)/.exec(status(p))?.[1] ?? 0);
  const tree = (p: number): number => kb(p) + children(p).reduce((sum, c) => sum + tree(c), 0);
  return tree(pid) / 1024;
}

/** A benchmark or fault check that crashed: the error and the tail of each child's output (exit code 1). */
export function reportCrash(err: unknown, procs: Proc[]): void {
  console.error(err);
  for (const p of procs) console.error(`--- ${p.name} output (tail) ---\n${p.output().slice(-3000)}`);
  process.exitCode = 1;
}
