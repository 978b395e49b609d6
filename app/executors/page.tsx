import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { pageTitle } from "@/components/ui/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { ExecutorList } from "@/components/executors/executor-list";
import { showFromParams } from "@/components/executors/executor-params";
import { searchParamsObject } from "@/components/tasks/task-list-params";
import { env } from "@/server/config/env";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import "../styles/admin.css";

export const generateMetadata = () => pageTitle("executors.title");

export default async function ExecutorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslator();
  await getQueryClient().prefetchQuery(trpc.executors.list.queryOptions({ show: showFromParams(searchParamsObject(await searchParams)) }));
  return (
    <>
      <PageHeader
        id="executors-heading"
        title={t("executors.title")}
        subtitle={t("executors.subtitle", { misses: env.STUCK_HEARTBEAT_MISSES })}
      />
      <HydrateClient>
        <Suspense>
          <ExecutorList />
        </Suspense>
      </HydrateClient>
    </>
  );
}
