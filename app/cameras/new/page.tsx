import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { PageHeader } from "@/components/ui/page-header";
import { pageTitle } from "@/components/ui/page-title";
import { CameraForm } from "@/components/cameras/camera-form";
import { requireRole } from "@/server/auth/require-role";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("cameraForm.newTitle");

export default async function NewCameraPage() {
  await requireRole("operator");
  const t = await getTranslator();
  return (
    <div className="adm-narrow">
      <Link className="back-link" href="/cameras">
        ← {t("camera.back")}
      </Link>
      <PageHeader id="camera-form-heading" title={t("cameraForm.newTitle")} />
      <CameraForm />
    </div>
  );
}
