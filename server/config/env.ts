import "server-only";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
// zod's own messages (a number out of range, a value not in a list) in both languages, as the API's.
import "@/server/params/zod-messages";

/**
 * The one place that reads process.env. Every setting has a safe default so that `npm start` on a
 * fresh clone works with nothing configured; the README lists them all.
 */
const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off"]).transform((v) => ["1", "true", "yes", "on"].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** 32 bytes written as hex or base64 (base64url too). */
export function parseSecretsKey(text: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(text)
    ? Buffer.from(text, "hex")
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, "base64")
      : null;
  return key?.length === 32 ? key : null;
}
const isSecretsKey = (text: string) => parseSecretsKey(text) !== null;

/** One CAMERA_URL_DENY entry: an IP, an IP/prefix, or a host name. */
function isDenyEntry(entry: string): boolean {
  const [address, prefix, extra] = entry.split("/");
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (prefix === undefined) return family !== 0 || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/i.test(address);
  return family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A comma-separated list setting (unset or empty: no entries); every entry must pass `valid`. */
function commaList(valid: (entry: string) => boolean, message: string) {
  return z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().refine(valid, message)));
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "必须是 postgresql:// 开头的地址 (must be a postgresql:// URL).")
    .optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: int(1024, 65535).default(54329),
  AUTO_MIGRATE: bool.default(true),
  DEMO_DATA: bool.optional(),
  NEXTAUTH_SECRET: z.string().min(32, "至少要有 32 个字符 (must be at least 32 characters).").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** 8000: the port the operations guide's curl examples use, so they work unchanged. */
  PORT: int(1, 65535).default(8000),
  ADMIN_USERNAME: z.string().min(1).default("admin"),
  ADMIN_PASSWORD: z.string().min(8, "至少要有 8 个字符 (must be at least 8 characters).").optional(),
  LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  LOG_DIR: z.string().default("logs"),
  /** The CLI logs to stderr so that its stdout stays clean for --json. */
  LOG_STREAM: z.enum(["stdout", "stderr"]).default("stdout"),
  EXECUTOR_ENABLED: bool.default(true),
  EXECUTOR_CONCURRENCY: int(1, 256).default(4),
  EXECUTOR_POLL_MS: int(100, 600_000).default(2_000),
  EXECUTOR_HEARTBEAT_MS: int(200, 600_000).default(10_000),
  EXECUTOR_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  EXECUTOR_STALL_MS: int(1_000, 86_400_000).default(180_000),
  STUCK_HEARTBEAT_MISSES: int(2, 100).default(3),
  WATCHDOG_ENABLED: bool.default(true),
  /** 0: the watchdog still samples and evaluates alerts but resets nothing (an alert's auto_recovery action may). */
  AUTO_RECOVERY_ENABLED: bool.default(true),
  WATCHDOG_INTERVAL_MS: int(1_000, 86_400_000).default(60_000),
  AUTO_RECOVERY_MAX: int(1, 1_000).default(3),
  AUTO_RECOVERY_WINDOW_MINUTES: int(1, 10_080).default(60),
  ALERTS_FILE: z.string().default("config/alerts.yaml"),
  ALERT_WEBHOOK_URLS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "必须是逗号分隔的 http(s) 地址 (must be comma-separated http(s) URLs)." }))),
  METRICS_PUBLIC: bool.default(false),
  /** Unset: history is kept until `easysight db prune`. Set: older history is pruned about hourly (server/retention). */
  RETENTION_DAYS: int(1, 36_500).optional(),
  /** Failed sign-ins allowed per account name, and per client address, within SIGNIN_WINDOW_MINUTES. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: int(1, 1_000).default(5),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: int(1, 100_000).default(20),
  SIGNIN_WINDOW_MINUTES: int(1, 1_440).default(15),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the client
   * connects directly and any X-Forwarded-For it sends is ignored). See server/http/client-address.ts.
   */
  TRUST_PROXY: int(0, 10).default(0),
  /** Key that encrypts camera passwords: 32 bytes as base64 or hex. Unset: generated into DATA_DIR/secrets-key. */
  SECRETS_KEY: z
    .string()
    .refine(
      isSecretsKey,
      "必须是 32 字节的密钥，写成 base64（44 个字符）或十六进制（64 个字符） (must be 32 bytes as base64 (44 characters) or hex (64 characters)).",
    )
    .optional(),
  /** Earlier SECRETS_KEY values (comma-separated) still accepted for reading, until `easysight secrets rotate` has run. */
  SECRETS_KEY_PREVIOUS: commaList(
    isSecretsKey,
    "必须是逗号分隔的 32 字节密钥（base64 或十六进制） (must be comma-separated keys of 32 bytes (base64 or hex)).",
  ),
  /**
   * Folders that image_file, image_folder and video_file cameras may read, separated by ":" (the
   * platform's path delimiter). Unset: the demo cameras (demo/cameras) and DATA_DIR/cameras.
   */
  CAMERA_FILES_ROOT: z.string().optional(),
  /** More addresses URL cameras may not reach, besides link-local/metadata: comma-separated CIDRs, IPs or host names. */
  CAMERA_URL_DENY: commaList(
    isDenyEntry,
    "必须是逗号分隔的 CIDR（10.1.0.0/16、fd00::/8）、IP 地址或主机名 (must be comma-separated CIDRs (10.1.0.0/16, fd00::/8), IP addresses or host names).",
  ),
});

export type Env = z.infer<typeof schema>;

/**
 * A setting that cannot be used. Thrown while this module loads, so every entry point (the CLI, the web
 * server's start) catches it by name and prints only its sentence: the operator needs the setting to fix,
 * not a stack trace.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`环境变量配置有误 (invalid environment configuration):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** Absolute path of the folder that holds the embedded database and generated secrets. */
export const dataDir = path.resolve(env.DATA_DIR);
export const logDir = path.resolve(env.LOG_DIR);
/** The public URL is https: session cookies are Secure (__Secure- prefix) and responses carry HSTS. */
export const servedOverHttps = env.NEXTAUTH_URL?.startsWith("https://") ?? false;

/**
 * next-auth reads NEXTAUTH_URL from process.env itself (for the URLs it redirects to) and logs a
 * warning at its first request when it is unset; the README's default is written there for it.
 * `env.NEXTAUTH_URL` keeps saying whether one was configured (server/http/same-origin.ts).
 */
process.env.NEXTAUTH_URL ??= `http://localhost:${env.PORT}`;

/**
 * A variable that the alert rules file names as `${NAME}` (channel secrets kept out of a file that is
 * committed). The operator picks the names, so they cannot be in the schema above; they are read
 * here so that this stays the one module that reads process.env. Empty means not set, as above.
 */
export function alertsFileVariable(name: string): string | undefined {
  return process.env[name] || undefined;
}

/** The PATH programs are looked up in, read now: ffmpeg may have been installed since the start. */
export function searchPath(): string {
  return process.env.PATH ?? "";
}

/**
 * Runs `fn` with LOG_STREAM hidden from the environment: the yaml package dumps every token to
 * stdout when a variable of that name is set (its own debugging switch, which shares our setting's
 * name). Our value was read above; `fn` must be synchronous, so nothing else runs meanwhile.
 */
export function withoutYamlDebugSwitch<T>(fn: () => T): T {
  const saved = process.env.LOG_STREAM;
  delete process.env.LOG_STREAM;
  try {
    return fn();
  } finally {
    if (saved !== undefined) process.env.LOG_STREAM = saved;
  }
}
