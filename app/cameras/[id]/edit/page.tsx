import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslator } from "@/components/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { pageTitle } from "@/components/ui/page-title";
import { CameraForm } from "@/components/cameras/camera-form";
import { requireRole } from "@/server/auth/require-role";
import { getQueryClient, trpc } from "@/server/trpc/server-prefetch";
import { cameraIdFromParam } from "../../camera-id";
import "../../../styles/admin.css";

export const generateMetadata = () => pageTitle("cameraForm.editTitle");

export default async function EditCameraPage({ params }: { params: Promise<{ id: string }> }) {
  const id = cameraIdFromParam((await params).id);
  await requireRole("operator");
  const t = await getTranslator();
  const camera = await getQueryClient()
    .fetchQuery(trpc.cameras.byId.queryOptions({ id }))
    .catch((err) => {
      if (err instanceof TRPCError && err.code === "NOT_FOUND") notFound();
      throw err;
    });
  return (
    <div className="adm-narrow">
      <Link className="back-link" href={`/cameras/${id}`}>
        ← {camera.name}
      </Link>
      <PageHeader id="camera-form-heading" title={t("cameraForm.editTitle")} />
      <CameraForm camera={camera} />
    </div>
  );
}
