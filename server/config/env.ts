import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads process.env. Every setting has a safe default so that `npm start` on a
 * fresh clone works with nothing configured; the README lists them all.
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"])
  .transform((v) => ["1", "true", "yes", "on"].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: int(1024, 65535).default(54329),
  AUTO_MIGRATE: bool.default(true),
  DEMO_DATA: bool.optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  PORT: int(1, 65535).default(3000),
  ADMIN_USERNAME: z.string().min(1).default("admin"),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
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
  WATCHDOG_INTERVAL_MS: int(1_000, 86_400_000).default(60_000),
  AUTO_RECOVERY_MAX: int(1, 1_000).default(3),
  AUTO_RECOVERY_WINDOW_MINUTES: int(1, 10_080).default(60),
  ALERTS_FILE: z.string().default("config/alerts.yaml"),
  ALERT_WEBHOOK_URLS: z.string().default(""),
  METRICS_PUBLIC: bool.default(false),
});

export type Env = z.infer<typeof schema>;

function parseEnv(source: NodeJS.ProcessEnv): Env {
  // Empty strings mean "not set", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env: Env = parseEnv(process.env);

/** Absolute path of the folder that holds the embedded database and generated secrets. */
export const dataDir = path.resolve(env.DATA_DIR);
export const logDir = path.resolve(env.LOG_DIR);
