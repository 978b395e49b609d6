import { createCallerFactory, createTRPCRouter } from "./init";
import { camerasRouter } from "./routers/cameras";
import { meRouter } from "./routers/me";
import { recoveryRouter } from "./routers/recovery";
import { tasksRouter } from "./routers/tasks";
import { tokensRouter } from "./routers/tokens";
import { usersRouter } from "./routers/users";

export const appRouter = createTRPCRouter({
  me: meRouter,
  cameras: camerasRouter,
  tasks: tasksRouter,
  recovery: recoveryRouter,
  users: usersRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
