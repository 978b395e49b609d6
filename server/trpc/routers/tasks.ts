import "server-only";
import { z } from "zod";
import { createTRPCRouter, operatorProcedure, protectedProcedure } from "@/server/trpc/init";
import { listTasks, listTasksInput } from "@/server/tasks/list-tasks";
import { getTask } from "@/server/tasks/get-task";
import { toTaskListRow } from "@/server/tasks/task-list-row";
import { createTask } from "@/server/tasks/create-task";
import { setTaskActive, updateTask } from "@/server/tasks/update-task";
import { runTaskNow } from "@/server/tasks/run-task-now";
import { deleteTask } from "@/server/tasks/delete-task";
import { createTaskInput, taskIdInput, updateTaskInput } from "@/server/tasks/task-input";
import { listTaskRuns, taskRunsInput } from "@/server/tasks/task-runs";
import { latestTaskResults } from "@/server/results/latest-task-results";

export const tasksRouter = createTRPCRouter({
  list: protectedProcedure.input(listTasksInput).query(async ({ input }) => {
    const page = await listTasks(input);
    return { ...page, items: page.items.map(toTaskListRow) };
  }),
  byId: protectedProcedure.input(taskIdInput).query(({ input }) => getTask(input.id)),
  runs: protectedProcedure.input(taskRunsInput).query(({ input }) => listTaskRuns(input)),
  latestResults: protectedProcedure.input(taskIdInput).query(({ input }) => latestTaskResults(input.id)),
  create: operatorProcedure.input(createTaskInput).mutation(({ ctx, input }) => createTask(input, ctx.actor.userId)),
  update: operatorProcedure.input(updateTaskInput).mutation(({ input }) => updateTask(input)),
  setActive: operatorProcedure
    .input(taskIdInput.extend({ active: z.boolean() }))
    .mutation(({ input }) => setTaskActive(input.id, input.active)),
  runNow: operatorProcedure.input(taskIdInput).mutation(({ input }) => runTaskNow(input.id)),
  delete: operatorProcedure.input(taskIdInput).mutation(({ input }) => deleteTask(input.id)),
});
