import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { pageTitle } from "@/components/ui/page-title";
import { CameraDetail } from "@/components/cameras/camera-detail";
import { pageFromParams, RESULT_PAGE_SIZE } from "@/components/cameras/camera-list-params";
import { searchParamsObject } from "@/components/tasks/task-list-params";
import { signedInWithRole } from "@/server/auth/require-role";
import { HydrateClient, getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { cameraIdFromParam } from "../camera-id";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("camera.title");

export default async function CameraPage(props: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const id = cameraIdFromParam((await props.params).id);
  const page = pageFromParams(searchParamsObject(await props.searchParams));
  const client = getQueryClient();
  const [canEdit] = await Promise.all([
    signedInWithRole("operator"),
    client.fetchQuery(trpc.cameras.byId.queryOptions({ id })).catch((err) => {
      if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
      throw err;
    }),
    client.prefetchQuery(trpc.cameras.tasks.queryOptions({ id })),
    client.prefetchQuery(trpc.cameras.results.queryOptions({ cameraId: id, page, pageSize: RESULT_PAGE_SIZE })),
    // The newest result is shown as the latest frame whatever page of the history is open.
    client.prefetchQuery(trpc.cameras.results.queryOptions({ cameraId: id, page: 1, pageSize: 1 })),
  ]);
  return (
    <HydrateClient>
      <CameraDetail id={id} canEdit={canEdit} />
    </HydrateClient>
  );
}
