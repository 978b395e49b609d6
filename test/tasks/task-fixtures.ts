import { getDb } from "@/server/db/client";
import { createUser } from "@/server/users/users";
import { createTask } from "@/server/tasks/create-task";
import type { CreateTaskInput } from "@/server/tasks/task-input";
import { uniqueName } from "../support/unique";

/** A camera reading an image file; tasks only link it, nothing grabs from it in these tests. */
export async function makeCamera(): Promise<number> {
  const camera = await (
    await getDb()
  ).camera.create({
    data: { name: uniqueName("cam"), sourceType: "image_file", sourceUri: "test/fixtures/none.jpg" },
  });
  return camera.id;
}

let operator: Promise<number> | undefined;
/** One operator per test file: hashing a password for every task would make the tests slow. */
export function makeOperator(): Promise<number> {
  operator ??= createUser({ username: uniqueName("op"), password: "long-enough", role: "operator" }).then((user) => user.id);
  return operator;
}

/** An active task due every 5 minutes on a fresh camera, with any field overridden. */
export async function makeTask(overrides: Partial<CreateTaskInput> = {}) {
  return createTask(
    {
      name: uniqueName("task"),
      cameraIds: [await makeCamera()],
      checks: ["blur"],
      schedule: { type: "interval", minutes: 5 },
      ...overrides,
    },
    await makeOperator(),
  );
}

/** Puts a task in the state an executor's claim leaves it in (the executor itself is not under test). */
export async function markRunning(id: number) {
  return (await getDb()).diagnosisTask.update({
    where: { id },
    data: {
      status: "running",
      attempt: 4,
      startedAt: new Date(Date.now() - 60_000),
      heartbeatAt: new Date(Date.now() - 5_000),
      nextRunTime: null,
    },
  });
}

export const readTask = async (id: number) => (await getDb()).diagnosisTask.findUnique({ where: { id }, include: { cameras: true } });
