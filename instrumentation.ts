/**
 * Runs once when a Next.js server process starts (next start and next dev): find or start the
 * database, migrate it, then start this process's executor and watchdog.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerProcess } = await import("@/server/process/start-server-process");
  await startServerProcess();
}
