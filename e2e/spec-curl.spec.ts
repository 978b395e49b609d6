import { execFileSync, execSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { E2E_USERS, e2eDatabaseUrl } from "./support/e2e-env";

/**
 * The operations guide's three curl commands, run as written (only the host and YOUR_TOKEN are
 * substituted), against the production server with a real API token.
 */
const SPEC_COMMANDS = [
  `curl -X GET "http://localhost:8000/api/diagnosis/tasks/status-check" \\\n  -H "Authorization: Bearer YOUR_TOKEN"`,
  `curl -X POST "http://localhost:8000/api/diagnosis/tasks/recovery" \\\n  -H "Authorization: Bearer YOUR_TOKEN"`,
  `curl -X POST "http://localhost:8000/api/diagnosis/tasks/recovery?force_reset=true" \\\n  -H "Authorization: Bearer YOUR_TOKEN"`,
];

test("the operations guide's curl commands work as written with an admin API token", async ({ baseURL }) => {
  const databaseUrl = e2eDatabaseUrl();
  const token = execFileSync(process.execPath, ["bin/easysight.mjs", "token", "create", E2E_USERS.admin.username, "--name", "spec-curl"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUTO_MIGRATE: "0" },
  })
    .toString()
    .split("\n")[0]
    .trim();
  expect(token).toMatch(/^es_/);

  // A task that claims to run but has no executor: the guide's typical stuck task.
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query(
    `INSERT INTO diagnosis_tasks (name, checks, schedule_type, status, is_active, last_run_time, started_at, updated_at)
     VALUES ('curl 卡住的任务', '{too_dark}', 'manual', 'running', true, now() - interval '45 minutes', now() - interval '45 minutes', now()) RETURNING id`,
  );
  const stuckId: number = rows[0].id;
  // And one that runs normally on a live executor (another process, heartbeating): only force touches it.
  const instance = await db.query(
    `INSERT INTO executor_instances (id, kind, host, pid, heartbeat_at) VALUES (gen_random_uuid(), 'worker', 'other-host', 1, now() + interval '1 hour') RETURNING id`,
  );
  const healthy = await db.query(
    `INSERT INTO diagnosis_tasks (name, checks, schedule_type, status, is_active, owner_instance_id, attempt, last_run_time, started_at, heartbeat_at, updated_at)
     VALUES ('curl 正常运行的任务', '{too_dark}', 'manual', 'running', true, $1, 1, now(), now(), now() + interval '1 hour', now()) RETURNING id`,
    [instance.rows[0].id],
  );
  const healthyId: number = healthy.rows[0].id;
  await db.end();

  const run = (command: string) =>
    JSON.parse(
      execSync(command.replace("http://localhost:8000", baseURL!).replace("YOUR_TOKEN", token), {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    );

  const check = run(SPEC_COMMANDS[0]);
  expect(check.stuck_tasks).toContainEqual(
    expect.objectContaining({ id: stuckId, name: "curl 卡住的任务", stuck_reason: "任务没有执行器记录" }),
  );
  expect(check.message).toMatch(/^检查完成：运行中任务 \d+ 个，卡住任务 \d+ 个$/);

  const recovered = run(SPEC_COMMANDS[1]);
  expect(recovered.reset_task_ids).toContain(stuckId);
  expect(recovered.reset_task_ids).not.toContain(healthyId);
  expect(recovered.message).toBe(`成功重置 ${recovered.reset_tasks} 个卡住的任务`);

  const forced = run(SPEC_COMMANDS[2]);
  expect(forced).toEqual(
    expect.objectContaining({ checked_tasks: expect.any(Number), reset_tasks: expect.any(Number), message: expect.any(String) }),
  );
  expect(forced.reset_task_ids).toContain(healthyId);
});
