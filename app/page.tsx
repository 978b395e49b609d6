import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { rangeFromParam } from "@/components/dashboard/dashboard-range";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";

export async function generateMetadata() {
  const t = await getTranslator();
  return { title: `${t("dashboard.title")} · ${t("app.name")}` };
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslator();
  const raw = (await searchParams).range;
  const range = rangeFromParam(typeof raw === "string" ? raw : null);
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.dashboard.summary.queryOptions({})),
    getQueryClient().prefetchQuery(trpc.dashboard.series.queryOptions({ range })),
  ]);
  return (
    <>
      <PageHeader id="dashboard-heading" title={t("dashboard.title")} subtitle={t("dashboard.subtitle")} />
      <HydrateClient>
        <Suspense>
          <DashboardView />
        </Suspense>
      </HydrateClient>
    </>
  );
}
