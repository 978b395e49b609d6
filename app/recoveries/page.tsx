import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { pageTitle } from "@/components/ui/page-title";
import { PageHeader } from "@/components/ui/page-header";
import { AuditTable } from "@/components/recovery-audit/audit-table";
import { auditListInput, auditUrlFilters, hasDays } from "@/components/recovery-audit/audit-params";
import { searchParamsObject } from "@/components/tasks/task-list-params";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import "../styles/admin.css";

export const generateMetadata = () => pageTitle("recoveries.title");

export default async function RecoveriesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslator();
  const params = searchParamsObject(await searchParams);
  // A date filter means "that day where the reader is": only the browser knows its time zone.
  if (!hasDays(auditUrlFilters(params))) await getQueryClient().prefetchQuery(trpc.audit.list.queryOptions(auditListInput(params)));
  return (
    <>
      <PageHeader id="recoveries-heading" title={t("recoveries.title")} subtitle={t("recoveries.subtitle")} />
      <HydrateClient>
        <Suspense>
          <AuditTable />
        </Suspense>
      </HydrateClient>
    </>
  );
}
