import "../support/use-own-database";
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { listInstances } from "@/server/executor/list-instances";
import { processStartTicks, thisMachineId } from "@/server/executor/process-identity";
import { checkStuckTasks } from "@/server/recovery/check-stuck-tasks";
import { createTask, makeRunning } from "../support/fixtures";
import { waitFor } from "../support/wait-for";
import { useWorkerProcesses } from "../support/worker-fixture";

// Issue 11 item 8: on the machine where an executor ran, its death is seen at once (its pid is gone or
// reused), not after three missed heartbeats; elsewhere the heartbeat rule stays.

const workers = useWorkerProcesses();

/** An executor row with a fresh heartbeat and a one-minute interval: only its process identity can make it dead. */
async function instanceRow(identity: { pid: number; machineId: string | null; processStart: string | null }) {
  const id = randomUUID();
  await (
    await getDb()
  ).$executeRaw`
    INSERT INTO executor_instances (id, kind, host, pid, started_at, heartbeat_at, heartbeat_interval_ms, machine_id, process_start)
    VALUES (${id}::uuid, 'worker', 'test-host', ${identity.pid}, now(), now(), 60000, ${identity.machineId}, ${identity.processStart})`;
  const task = await createTask();
  await makeRunning(task.id, { ownerId: id, heartbeatAgeSeconds: 0 });
  return { instanceId: id, taskId: task.id };
}

const verdict = async (taskId: number) => (await checkStuckTasks({ taskIds: [taskId] })).running[0].stuck_reason_code;

describe("an executor's death on this machine is seen at once", () => {
  it("kill -9 of a real worker: its task is executor_dead immediately, its heartbeat still fresh", async () => {
    // A one-minute heartbeat: the heartbeat rule would need three minutes to call it dead.
    const worker = workers.start({ EXECUTOR_HEARTBEAT_MS: "60000" });
    const running = await workers.hangingTaskRunningIn(worker);
    expect(await verdict(running.id)).toBeNull();

    worker.child.kill("SIGKILL");
    await worker.exited;

    const check = await checkStuckTasks({ taskIds: [running.id] });
    expect(check.stuck[0]).toMatchObject({ id: running.id, stuck_reason_code: "executor_dead", is_actually_running: false });
    expect(check.owners.get(running.ownerInstanceId!)!.heartbeatAgeSeconds).toBeLessThan(60);
    const { items } = await listInstances();
    expect(items.find((i) => i.id === running.ownerInstanceId)?.status).toBe("dead");
  }, 60_000);

  it("a process that exited is dead; a live one with the same identity is alive", async () => {
    const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await waitFor(async () => processStartTicks(child.pid!) !== null, 5_000, "the child's /proc entry");
    const { taskId } = await instanceRow({ pid: child.pid!, machineId: thisMachineId(), processStart: processStartTicks(child.pid!) });
    expect(await verdict(taskId)).toBeNull();
    child.kill("SIGKILL");
    await exited;
    expect(await verdict(taskId)).toBe("executor_dead");
  });

  it("a pid now used by another process (a different start time) is dead", async () => {
    // This test process is alive, but it is not the process that registered: that one started earlier.
    const { taskId } = await instanceRow({ pid: process.pid, machineId: thisMachineId(), processStart: "1" });
    expect(await verdict(taskId)).toBe("executor_dead");
  });

  it("another machine (or container) is judged by its heartbeat only, and so is a row without identity", async () => {
    const absentPid = 4_194_303; // above any pid this machine hands out, so certainly not running here
    const other = await instanceRow({ pid: absentPid, machineId: "another-boot-id/pid:[1]", processStart: "12345" });
    expect(await verdict(other.taskId)).toBeNull();
    const old = await instanceRow({ pid: absentPid, machineId: null, processStart: null });
    expect(await verdict(old.taskId)).toBeNull();
  });
});
