import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/ui/page-header";
import { pageTitle } from "@/components/ui/page-title";
import { CameraForm } from "@/components/cameras/camera-form";
import { hasRole } from "@/shared/actor";
import { currentActor } from "@/server/auth/current-actor";
import "../../styles/admin.css";

export const generateMetadata = () => pageTitle("cameraForm.newTitle");

export default async function NewCameraPage() {
  const [t, actor] = await Promise.all([getTranslator(), currentActor()]);
  if (!actor || !hasRole(actor, "operator")) return <Forbidden t={t} needs="operator" />;
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
