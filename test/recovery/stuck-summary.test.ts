import "../support/use-own-database";
import { describe, expect, it } from "vitest";
import { createCaller } from "@/server/trpc/root";
import type { Actor } from "@/shared/actor";
import { createInstance, createTask, makeRunning } from "../support/fixtures";

const viewer = createCaller({ actor: { type: "user", userId: 1, username: "someone-viewer", role: "viewer" } satisfies Actor });

describe("recovery.stuckSummary (the console's banner and force-reset dialog)", () => {
  it("counts what the full status check lists: running, stuck, stuck by reason, and the runs a force reset would interrupt", async () => {
    const alive = await createInstance({ heartbeatAgeSeconds: 1 });
    const dead = await createInstance({ heartbeatAgeSeconds: 600 });
    const tasks = await Promise.all(Array.from({ length: 5 }, () => createTask({ data: { maxRuntimeMinutes: 30 } })));
    await makeRunning(tasks[0].id, { ownerId: alive, startedMinutesAgo: 2 }); // healthy
    await makeRunning(tasks[1].id, { ownerId: alive, startedMinutesAgo: 3 }); // healthy
    await makeRunning(tasks[2].id, { ownerId: alive, startedMinutesAgo: 45 }); // runtime_exceeded, still working
    await makeRunning(tasks[3].id, { ownerId: dead, heartbeatAgeSeconds: 600 }); // executor_dead
    await makeRunning(tasks[4].id, { ownerId: null }); // no_owner

    const summary = await viewer.recovery.stuckSummary({});
    expect(summary).toMatchObject({
      total_running: 5,
      total_stuck: 3,
      actually_running: 3,
      stuck_by_reason: { no_owner: 1, executor_dead: 1, not_in_running_set: 0, heartbeat_stale: 0, runtime_exceeded: 1 },
    });
    const full = await viewer.recovery.statusCheck({});
    expect(summary.total_running).toBe(full.total_running);
    expect(summary.total_stuck).toBe(full.total_stuck);
    expect(summary.actually_running).toBe(full.running_tasks.filter((t) => t.is_actually_running).length);

    // The request's limit applies as in the full check: 1 minute makes every healthy run overdue.
    expect((await viewer.recovery.stuckSummary({ maxRuntimeMinutes: 1 })).stuck_by_reason.runtime_exceeded).toBe(3);
  });
});
