import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "@/server/trpc/init";
import { listTasks, listTasksInput } from "@/server/tasks/list-tasks";
import { getTask } from "@/server/tasks/get-task";

export const tasksRouter = createTRPCRouter({
  list: protectedProcedure.input(listTasksInput).query(({ input }) => listTasks(input)),
  byId: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ input }) => getTask(input.id)),
});
