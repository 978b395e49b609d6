import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { databaseNow } from "@/server/db/database-now";
import { Prisma } from "@/server/db/generated/client";
import { countedBeatAgeSql, instanceLiveness, type InstanceLiveness } from "./liveness";
import { processExecutor } from "./process-executor";
import { processGoneHere } from "./process-identity";

export const listInstancesInput = z.strictObject({
  /** live: every instance that has not signed off (alive or dead); all: stopped ones too. */
  show: z.enum(["live", "all"]).default("live"),
});
export type ListInstancesInput = z.input<typeof listInstancesInput>;

/** Instances listed at most: stopped rows accumulate (one per server or worker start). */
export const MAX_INSTANCES = 200;

export interface InstanceTask {
  id: number;
  name: string;
  attempt: number;
  startedAt: Date | null;
  heartbeatAt: Date | null;
}

export interface InstanceView {
  id: string;
  kind: string;
  host: string;
  pid: number;
  version: string | null;
  startedAt: Date;
  heartbeatAt: Date;
  stoppedAt: Date | null;
  heartbeatIntervalMs: number;
  /** Seconds since its last heartbeat, by the database's clock. */
  heartbeatAgeSeconds: number;
  status: InstanceLiveness;
  /** This is the executor of the process that answered. */
  isThisProcess: boolean;
  /** The running tasks it owns. */
  tasks: InstanceTask[];
}

interface Row {
  id: string;
  kind: string;
  host: string;
  pid: number;
  version: string | null;
  started_at: Date;
  heartbeat_at: Date;
  stopped_at: Date | null;
  heartbeat_interval_ms: number;
  age_s: number;
  counted_age_s: number;
  machine_id: string | null;
  process_start: string | null;
}

/** Executor instances, live ones first, each with the running tasks it owns. Reads only. */
export async function listInstances(raw: ListInstancesInput = {}): Promise<{ items: InstanceView[]; checkedAt: Date }> {
  const input = listInstancesInput.parse(raw);
  const db = await getDb();
  const [rows, checkedAt] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT id::text, kind, host, pid, version, started_at, heartbeat_at, stopped_at, heartbeat_interval_ms, machine_id, process_start,
             extract(epoch FROM now() - heartbeat_at)::float8 AS age_s,
             ${Prisma.raw(countedBeatAgeSql("heartbeat_at", "started_at"))} AS counted_age_s
      FROM executor_instances
      ${input.show === "live" ? Prisma.sql`WHERE stopped_at IS NULL` : Prisma.empty}
      ORDER BY stopped_at IS NOT NULL, heartbeat_at DESC
      LIMIT ${MAX_INSTANCES}`,
    databaseNow(db),
  ]);
  const tasks = await db.diagnosisTask.findMany({
    where: { status: "running", ownerInstanceId: { in: rows.map((r) => r.id) } },
    select: { id: true, name: true, attempt: true, startedAt: true, heartbeatAt: true, ownerInstanceId: true },
    orderBy: { id: "asc" },
  });
  const self = processExecutor()?.instanceId;
  const items = rows.map((r): InstanceView => {
    const heartbeatAgeSeconds = Math.max(0, Math.round(r.age_s * 10) / 10);
    return {
      id: r.id,
      kind: r.kind,
      host: r.host,
      pid: r.pid,
      version: r.version,
      startedAt: r.started_at,
      heartbeatAt: r.heartbeat_at,
      stoppedAt: r.stopped_at,
      heartbeatIntervalMs: r.heartbeat_interval_ms,
      heartbeatAgeSeconds,
      status: instanceLiveness({
        stoppedAt: r.stopped_at,
        countedAgeSeconds: r.counted_age_s,
        heartbeatIntervalMs: r.heartbeat_interval_ms,
        processGone: processGoneHere({ machineId: r.machine_id, pid: r.pid, processStart: r.process_start }),
      }),
      isThisProcess: r.id === self,
      tasks: tasks.filter((t) => t.ownerInstanceId === r.id).map(({ ownerInstanceId: _owner, ...t }) => t),
    };
  });
  return { items, checkedAt };
}
