import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";

export default async function NotFound() {
  const t = await getTranslator();
  return (
    <div className="card narrow" data-testid="not-found">
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.task")}</p>
      <p>
        <Link href="/tasks">{t("notFound.back")}</Link>
      </p>
    </div>
  );
}
