import { createCallerFactory, createTRPCRouter } from "./init";
import { meRouter } from "./routers/me";
import { tasksRouter } from "./routers/tasks";
import { tokensRouter } from "./routers/tokens";
import { usersRouter } from "./routers/users";

export const appRouter = createTRPCRouter({
  me: meRouter,
  tasks: tasksRouter,
  users: usersRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
