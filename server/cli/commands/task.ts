import "server-only";
import { executorName } from "@/shared/executor-name";
import type { Command } from "commander";
import { badRequest } from "@/server/errors";
import { FRAME_CHECKS } from "@/shared/finding-codes";
import { idTextSchema } from "@/server/params/id";
import { readParam } from "@/server/params/read-param";
import { createTask } from "@/server/tasks/create-task";
import { deleteTask } from "@/server/tasks/delete-task";
import { getTask } from "@/server/tasks/get-task";
import { listTasks, type ListTasksInput } from "@/server/tasks/list-tasks";
import { runTaskNow } from "@/server/tasks/run-task-now";
import type { ScheduleInput } from "@/server/tasks/schedule";
import type { CreateTaskInput } from "@/server/tasks/task-input";
import type { TaskView } from "@/server/tasks/task-view";
import { setTaskActive, updateTask } from "@/server/tasks/update-task";
import { actingUser } from "../acting-user";
import { action, printJson, printTable } from "../run-command";

interface FieldOptions {
  name?: string;
  description?: string;
  cameras?: string;
  checks?: string;
  interval?: string;
  cron?: string;
  manual?: boolean;
  maxRuntime?: string;
  thresholds?: string;
}

/** The options create and update share; update changes only what is given. */
function withFieldOptions(command: Command): Command {
  return command
    .option("--name <name>", "task name (1-200 characters)")
    .option("--description <text>", 'description ("" clears it)')
    .option("--cameras <ids>", "camera ids, comma-separated, e.g. 1,2")
    .option("--checks <codes>", `checks, comma-separated: ${FRAME_CHECKS.join(", ")}`)
    .option("--interval <minutes>", "run every N minutes (1-10080)")
    .option("--cron <expression>", 'run on a 5-field cron expression, in the server\'s time zone (TZ), e.g. "0 * * * *"')
    .option("--manual", "run only when asked (task run <id>)")
    .option("--max-runtime <minutes>", "longest a run may take (1-1440)")
    .option("--thresholds <json>", 'per-check threshold overrides as JSON, e.g. \'{"blur":{"minEdgeSigma":1.2}}\'');
}

function scheduleOption(opts: FieldOptions): ScheduleInput | undefined {
  const given = [opts.interval !== undefined, opts.cron !== undefined, opts.manual === true].filter(Boolean).length;
  if (given > 1) throw badRequest("--interval、--cron 和 --manual 只能给出一个 (give only one of --interval, --cron and --manual).");
  if (opts.interval !== undefined) return { type: "interval", minutes: Number(opts.interval) };
  if (opts.cron !== undefined) return { type: "cron", expression: opts.cron };
  if (opts.manual) return { type: "manual" };
  return undefined;
}

function parseThresholds(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch (err) {
    throw badRequest(`--thresholds 不是有效的 JSON (--thresholds is not valid JSON: ${(err as Error).message}).`);
  }
}

const list = (text: string) =>
  text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

/** The task fields given on the command line; the service validates them. */
function fieldsFrom(opts: FieldOptions): Partial<CreateTaskInput> {
  return {
    name: opts.name,
    description: opts.description,
    cameraIds: opts.cameras === undefined ? undefined : list(opts.cameras).map((id) => readParam(idTextSchema, id, "camera id")),
    checks: opts.checks === undefined ? undefined : (list(opts.checks) as CreateTaskInput["checks"]),
    schedule: scheduleOption(opts),
    maxRuntimeMinutes: opts.maxRuntime === undefined ? undefined : Number(opts.maxRuntime),
    thresholds: opts.thresholds === undefined ? undefined : (parseThresholds(opts.thresholds) as CreateTaskInput["thresholds"]),
  };
}

const describeSchedule = (task: TaskView) =>
  task.scheduleType === "interval"
    ? `every ${task.intervalMinutes} min`
    : task.scheduleType === "cron"
      ? `cron ${task.cronExpression}`
      : "manual";

const time = (value: Date | null) => value?.toISOString() ?? "-";

function printTask(task: TaskView): void {
  const lines: Array<[string, unknown]> = [
    ["id", task.id],
    ["name", task.name],
    ["description", task.description ?? "-"],
    ["status", task.statusReason ? `${task.status} (${task.statusReason})` : task.status],
    ["active", task.isActive],
    ["schedule", describeSchedule(task)],
    ["next run", time(task.nextRunTime)],
    ["last run", time(task.lastRunTime)],
    ["runs", `${task.successRuns} succeeded of ${task.totalRuns}`],
    ["max runtime", `${task.maxRuntimeMinutes} min`],
    ["checks", task.checks.join(", ")],
    ["thresholds", JSON.stringify(task.thresholds)],
    ["cameras", task.cameras.map((c) => `${c.id} ${c.name}`).join(", ")],
    ["attempt", task.attempt],
    // Named host:pid as everywhere; once the run is over, the one that ran it last.
    [task.status === "running" ? "executor" : "last executor", task.owner ? `${executorName(task.owner)} (${task.owner.kind})` : "-"],
    ["created by", task.createdBy?.username ?? "-"],
    ["created", time(task.createdAt)],
    ["updated", time(task.updatedAt)],
  ];
  process.stdout.write(lines.map(([key, value]) => `${key.padEnd(12)} ${String(value)}\n`).join(""));
}

async function allTasks(filter: ListTasksInput): Promise<TaskView[]> {
  const tasks: TaskView[] = [];
  for (let page = 1; ; page++) {
    const result = await listTasks({ ...filter, page, pageSize: 200 });
    tasks.push(...result.items);
    if (tasks.length >= result.total || result.items.length === 0) return tasks;
  }
}

const taskId = (id: string) => readParam(idTextSchema, id, "task id");
const summary = (task: TaskView) => `task ${task.id} "${task.name}" (${describeSchedule(task)}, next run ${time(task.nextRunTime)})`;

export function registerTaskCommands(program: Command) {
  const task = program
    .command("task")
    .description("manage diagnosis tasks; `task create` records the first active admin as creator, or the user given with --as");

  task
    .command("list")
    .description("list tasks")
    .option("-s, --status <statuses>", "only these statuses, comma-separated: pending, running, completed, failed, cancelled")
    .option("--json", "print JSON")
    .action(
      action(async (opts: { status?: string; json?: boolean }) => {
        const tasks = await allTasks({ status: opts.status === undefined ? undefined : (list(opts.status) as ListTasksInput["status"]) });
        if (opts.json) printJson(tasks);
        else
          printTable(
            tasks.map((t) => ({
              id: t.id,
              name: t.name,
              status: t.status,
              active: t.isActive,
              schedule: describeSchedule(t),
              cameras: t.cameras.length,
              lastRun: t.lastRunTime,
              nextRun: t.nextRunTime,
              runs: `${t.successRuns}/${t.totalRuns}`,
            })),
          );
      }),
    );

  task
    .command("show <id>")
    .description("show one task")
    .option("--json", "print JSON")
    .action(
      action(async (id: string, opts: { json?: boolean }) => {
        const found = await getTask(taskId(id));
        if (opts.json) printJson(found);
        else printTask(found);
      }),
    );

  withFieldOptions(task.command("create"))
    .description(
      "create a task: --name, --cameras, --checks and one of --interval, --cron, --manual are required; an active task is first due one schedule step from now",
    )
    .option("--inactive", "create it inactive (it does not run until activated)")
    .option("--as <username>", "record this user as creator instead of the first active admin")
    .action(
      action(async (opts: FieldOptions & { inactive?: boolean; as?: string }) => {
        const creator = await actingUser(opts.as);
        const fields = fieldsFrom(opts);
        if (!fields.schedule)
          throw badRequest(
            "请给出 --interval <分钟>、--cron <表达式> 或 --manual 之一 (give one of --interval <minutes>, --cron <expression> or --manual).",
          );
        const created = await createTask({ ...fields, isActive: !opts.inactive } as CreateTaskInput, creator.id);
        process.stdout.write(`created ${summary(created)} as ${creator.username}\n`);
      }),
    );

  withFieldOptions(task.command("update <id>"))
    .description("change the given fields of a task; allowed while it runs (the running attempt keeps its settings)")
    .action(
      action(async (id: string, opts: FieldOptions) => {
        const updated = await updateTask({ id: taskId(id), ...fieldsFrom(opts) });
        process.stdout.write(`updated ${summary(updated)}\n`);
      }),
    );

  for (const [name, active] of [
    ["activate", true],
    ["deactivate", false],
  ] as const) {
    task
      .command(`${name} <id>`)
      .description(
        active
          ? "activate a task: it is due one schedule step from now"
          : "deactivate a task: no further runs (a running attempt finishes)",
      )
      .action(
        action(async (id: string) => {
          const changed = await setTaskActive(taskId(id), active);
          process.stdout.write(`${name}d ${summary(changed)}\n`);
        }),
      );
  }

  task
    .command("run <id>")
    .description(
      "make an active task due now (manual ones too); an executor starts it at its next poll. Refused while it runs or when it is inactive",
    )
    .action(
      action(async (id: string) => {
        const due = await runTaskNow(taskId(id));
        process.stdout.write(`${summary(due)}: an executor starts it at its next poll\n`);
      }),
    );

  task
    .command("delete <id>")
    .description("delete a task that is not running, with its runs and results (recovery audit rows are kept)")
    .action(
      action(async (id: string) => {
        const deleted = await deleteTask(taskId(id));
        process.stdout.write(`deleted task ${deleted.id} "${deleted.name}"\n`);
      }),
    );
}
