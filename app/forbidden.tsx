import Link from "next/link";
import { getTranslator } from "@/components/i18n/server";
import { currentActor } from "@/server/auth/current-actor";

/** What a signed-in user sees, with HTTP 403, on a page their role may not open (requireRole). */
export default async function Forbidden() {
  const [t, actor] = await Promise.all([getTranslator(), currentActor()]);
  return (
    <div className="card narrow adm-forbidden" data-testid="forbidden">
      <p className="adm-forbidden-code" aria-hidden="true">
        403
      </p>
      <h1>{t("admin.forbidden.title")}</h1>
      <p>{actor ? t("admin.forbidden.body", { role: t(`role.${actor.role}`) }) : t("admin.forbidden.signedOut")}</p>
      <p>
        <Link href="/">{t("admin.forbidden.back")}</Link>
      </p>
    </div>
  );
}
