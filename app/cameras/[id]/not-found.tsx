import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";

export default async function CameraNotFound() {
  const t = await getTranslator();
  return (
    <div className="card narrow" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("camera.notFound")}</p>
      <p>
        <Link href="/cameras">{t("camera.back")}</Link>
      </p>
    </div>
  );
}
