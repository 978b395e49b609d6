/**
 * Runs once when a Next.js server process starts (next start and next dev): opens the database
 * (starts or joins the embedded one, migrates, makes the admin account and the demo data), then
 * starts this process's executor and watchdog. See server/process/start-server-process.ts.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerProcess } = await import("@/server/process/start-server-process");
  await startServerProcess();
}
