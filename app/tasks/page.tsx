import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { signedInWithRole } from "@/server/auth/require-role";
import { PageHeader } from "@/components/ui/page-header";
import { ButtonLink } from "@/components/ui/button";
import { TaskListView } from "@/components/tasks/task-list-view";
import { searchParamsObject, taskListInputFromParams } from "@/components/tasks/task-list-params";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";

export async function generateMetadata() {
  const t = await getTranslator();
  return { title: `${t("tasks.title")} · ${t("app.name")}` };
}

export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, canEdit] = await Promise.all([getTranslator(), signedInWithRole("operator")]);
  const input = taskListInputFromParams(searchParamsObject(await searchParams));
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.tasks.list.queryOptions(input)),
    getQueryClient().prefetchQuery(trpc.recovery.stuckSummary.queryOptions({})),
  ]);
  return (
    <>
      <PageHeader
        id="tasks-heading"
        title={t("tasks.title")}
        actions={
          canEdit && (
            <ButtonLink href="/tasks/new" variant="primary">
              {t("tasks.new")}
            </ButtonLink>
          )
        }
      />
      <HydrateClient>
        <Suspense>
          <TaskListView />
        </Suspense>
      </HydrateClient>
    </>
  );
}
