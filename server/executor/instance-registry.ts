import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { getDb } from "@/server/db/client";
import { thisProcessIdentity } from "./process-identity";

export type InstanceKind = "server" | "worker";

/**
 * Executor instances are rows, so that any process can tell whether the owner of a running task is
 * alive: its heartbeat_at, written with the database's clock, is recent and stopped_at is null. The
 * row also names the machine and the process's start time, so that a process on the same machine
 * sees its death at once (server/executor/process-identity.ts).
 */
export async function registerInstance(kind: InstanceKind, heartbeatIntervalMs: number): Promise<string> {
  const id = randomUUID();
  const db = await getDb();
  const { machineId, processStart } = thisProcessIdentity();
  await db.$executeRaw`
    INSERT INTO executor_instances (id, kind, host, pid, started_at, heartbeat_at, heartbeat_interval_ms, version, machine_id, process_start)
    VALUES (${id}::uuid, ${kind}, ${os.hostname()}, ${process.pid}, now(), now(), ${heartbeatIntervalMs},
            ${process.env.npm_package_version ?? null}, ${machineId}, ${processStart})`;
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
