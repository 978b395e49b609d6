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
/** Running tasks named per instance; the rest are a link to the task list filtered by executor. */
export const TASKS_SHOWN = 5;

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
  /** How many running tasks it owns. */
  taskCount: number;
  /** The first TASKS_SHOWN of them, by id. */
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

/** Executor instances, live ones first, each with how many running tasks it owns and the first few. Reads only. */
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
  const ids = rows.map((r) => r.id);
  // Counts and the first few tasks per executor, not every running task: at 10k running tasks the
  // page stays a few kilobytes (the task list, filtered by executor, shows them all).
  const [counts, firstTasks] = await Promise.all([
    db.diagnosisTask.groupBy({
      by: ["ownerInstanceId"],
      where: { status: "running", ownerInstanceId: { in: ids } },
      _count: { _all: true },
    }),
    db.$queryRaw<Array<InstanceTask & { owner: string }>>`
      SELECT id, name, attempt, started_at AS "startedAt", heartbeat_at AS "heartbeatAt", owner
      FROM (SELECT id, name, attempt, started_at, heartbeat_at, owner_instance_id::text AS owner,
                   row_number() OVER (PARTITION BY owner_instance_id ORDER BY id) AS position
            FROM diagnosis_tasks
            WHERE status = 'running' AND owner_instance_id = ANY(${ids}::uuid[])) AS owned
      WHERE position <= ${TASKS_SHOWN}
      ORDER BY id`,
  ]);
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
      taskCount: counts.find((c) => c.ownerInstanceId === r.id)?._count._all ?? 0,
      tasks: firstTasks.filter((t) => t.owner === r.id).map(({ owner: _owner, ...t }) => t),
    };
  });
  return { items, checkedAt };
}
