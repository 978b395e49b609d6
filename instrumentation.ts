/**
 * Runs once when a Next.js server process starts (next start and next dev): opens the database
 * (starts or joins the embedded one, migrates, makes the admin account and the demo data), then
 * starts this process's executor and watchdog. See server/process/start-server-process.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  let start: typeof import("@/server/process/start-server-process");
  try {
    start = await import("@/server/process/start-server-process");
  } catch (err) {
    // A bad setting (server/config/env.ts) fails while the modules load: say which, without a stack trace.
    if ((err as Error)?.name !== "ConfigError") throw err;
    process.stderr.write(`\nEasySight cannot start: ${(err as Error).message}\n\n`);
    process.exit(1);
  }
  await start.startServerProcess();
}
