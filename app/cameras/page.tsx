import { Suspense } from "react";
import { getTranslator } from "@/components/i18n/server";
import { ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { pageTitle } from "@/components/ui/page-title";
import { CameraTable } from "@/components/cameras/camera-table";
import { cameraListInputFromParams } from "@/components/cameras/camera-list-params";
import { searchParamsObject } from "@/components/tasks/task-list-params";
import { signedInWithRole } from "@/server/auth/require-role";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import "../styles/admin.css";

export const generateMetadata = () => pageTitle("cameras.title");

export default async function CamerasPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, canEdit] = await Promise.all([getTranslator(), signedInWithRole("operator")]);
  const input = cameraListInputFromParams(searchParamsObject(await searchParams));
  await getQueryClient().prefetchQuery(trpc.cameras.overview.queryOptions(input));
  return (
    <>
      <PageHeader
        id="cameras-heading"
        title={t("cameras.title")}
        subtitle={t("cameras.subtitle")}
        actions={
          canEdit && (
            <ButtonLink variant="primary" href="/cameras/new">
              {t("cameras.add")}
            </ButtonLink>
          )
        }
      />
      <HydrateClient>
        <Suspense>
          <CameraTable />
        </Suspense>
      </HydrateClient>
    </>
  );
}
