import "server-only";
import { createCallerFactory, createTRPCRouter } from "./init";
import { auditRouter } from "./routers/audit";
import { camerasRouter } from "./routers/cameras";
import { dashboardRouter } from "./routers/dashboard";
import { executorsRouter } from "./routers/executors";
import { meRouter } from "./routers/me";
import { recoveryRouter } from "./routers/recovery";
import { tasksRouter } from "./routers/tasks";
import { tokensRouter } from "./routers/tokens";
import { usersRouter } from "./routers/users";

export const appRouter = createTRPCRouter({
  me: meRouter,
  cameras: camerasRouter,
  tasks: tasksRouter,
  dashboard: dashboardRouter,
  recovery: recoveryRouter,
  executors: executorsRouter,
  audit: auditRouter,
  users: usersRouter,
  tokens: tokensRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
