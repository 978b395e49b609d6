import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb } from "@/server/db/client";

export type InstanceKind = "server" | "worker";

/**
 * Executor instances are rows, so that any process can tell whether the owner of a running task is
 * alive: its heartbeat_at, written with the database's clock, is recent and stopped_at is null.
 */
export async function registerInstance(kind: InstanceKind, heartbeatIntervalMs: number): Promise<string> {
  const id = randomUUID();
  const db = await getDb();
  await db.$executeRaw`
    INSERT INTO executor_instances (id, kind, host, pid, started_at, heartbeat_at, heartbeat_interval_ms, version)
    VALUES (${id}::uuid, ${kind}, ${os.hostname()}, ${process.pid}, now(), now(), ${heartbeatIntervalMs}, ${process.env.npm_package_version ?? null})`;
  return id;
}

/** Returns false if the row is gone or marked stopped (the instance must not keep claiming). */
export async function beatInstance(id: string): Promise<boolean> {
  const db = await getDb();
  const count = await db.$executeRaw`
    UPDATE executor_instances SET heartbeat_at = now() WHERE id = ${id}::uuid AND stopped_at IS NULL`;
  return count === 1;
}

export async function markInstanceStopped(id: string): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`UPDATE executor_instances SET stopped_at = now(), heartbeat_at = now() WHERE id = ${id}::uuid`;
}
