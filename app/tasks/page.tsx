import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { TaskTable } from "@/components/tasks/task-table";
import { searchParamsObject, taskListInputFromParams } from "@/components/tasks/task-list-params";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslator();
  const input = taskListInputFromParams(searchParamsObject(await searchParams));
  await getQueryClient().prefetchQuery(trpc.tasks.list.queryOptions(input));
  return (
    <>
      <h1 id="tasks-heading">{t("tasks.title")}</h1>
      <HydrateClient>
        <Suspense>
          <TaskTable />
        </Suspense>
      </HydrateClient>
    </>
  );
}
